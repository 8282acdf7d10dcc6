package io.sluice.gateway.india;

/**
 * A broker's HTTP answer as text.
 *
 * @param code HTTP status code.
 * @param body body text (may be empty).
 */
public record HttpAnswer(int code, String body)
{
    /**
     * Whether the status is 2xx.
     *
     * @return true on success.
     */
    public boolean isSuccess()
    {
        return code >= 200 && code < 300;
    }

    /**
     * The body cut to a readable length for reject texts.
     *
     * @return at most 200 characters.
     */
    public String snippet()
    {
        final String trimmed = body.strip();
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200) + "...";
    }
}
