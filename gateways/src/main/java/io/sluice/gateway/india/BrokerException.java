package io.sluice.gateway.india;

/**
 * A broker's answer that is a failure, classified; its message is safe for reject texts (never secrets).
 */
public final class BrokerException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    /**
     * A classified failure.
     *
     * @param kind what kind of failure.
     * @param text readable reason, e.g. "InputException: Invalid price".
     */
    public BrokerException(final FailureKind kind, final String text)
    {
        super(text, null, false, false);
        this.kind = kind;
    }

    /**
     * What kind of failure.
     *
     * @return the kind.
     */
    public FailureKind kind()
    {
        return kind;
    }
}
