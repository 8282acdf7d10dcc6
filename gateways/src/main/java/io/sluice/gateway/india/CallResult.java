package io.sluice.gateway.india;

/**
 * Outcome of one broker call as the agent sees it: a value, or a classified failure with a readable text.
 *
 * @param <T> value type.
 */
public final class CallResult<T>
{
    private final T value;
    private final FailureKind failure;
    private final String text;

    private CallResult(final T value, final FailureKind failure, final String text)
    {
        this.value = value;
        this.failure = failure;
        this.text = text;
    }

    /**
     * A success.
     *
     * @param value the value.
     * @param <T>   value type.
     * @return the result.
     */
    public static <T> CallResult<T> ok(final T value)
    {
        return new CallResult<>(value, null, null);
    }

    /**
     * A failure.
     *
     * @param kind kind of failure.
     * @param text readable reason.
     * @param <T>  value type.
     * @return the result.
     */
    public static <T> CallResult<T> failed(final FailureKind kind, final String text)
    {
        return new CallResult<>(null, kind, text);
    }

    /**
     * Whether the call succeeded.
     *
     * @return true on success.
     */
    public boolean isOk()
    {
        return failure == null;
    }

    /**
     * The value of a success.
     *
     * @return the value.
     */
    public T value()
    {
        return value;
    }

    /**
     * The kind of a failure.
     *
     * @return the kind, null on success.
     */
    public FailureKind failure()
    {
        return failure;
    }

    /**
     * The reason of a failure.
     *
     * @return the text, null on success.
     */
    public String text()
    {
        return text;
    }

    public String toString()
    {
        return isOk() ? "ok(" + value + ")" : failure + "(" + text + ")";
    }
}
