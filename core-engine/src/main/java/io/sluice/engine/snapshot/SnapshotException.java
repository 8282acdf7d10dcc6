package io.sluice.engine.snapshot;

/** A snapshot that cannot be used: corrupt, truncated, or taken under another configuration or format. */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotException(final String message)
    {
        super(message);
    }
}
