package io.sluice.admin.readmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for the engine's answer to their dry run, by the dry run's ingress time. The journal tail
 * completes them as ParseResults arrive; answers nobody waits for (e.g. replayed after a restart) are dropped.
 */
public final class ParseResults
{
    private final ConcurrentHashMap<Long, CompletableFuture<ParseResultView>> waiting = new ConcurrentHashMap<>();

    /**
     * Wait for the answer to a dry run about to be published.
     *
     * @param requestTimeNs the dry run's ingress time, unique among waiting requests.
     * @return completed by the journal tail; the caller bounds the wait and calls {@link #cancel} when it gives up.
     */
    public CompletableFuture<ParseResultView> expect(final long requestTimeNs)
    {
        final CompletableFuture<ParseResultView> future = new CompletableFuture<>();
        if (waiting.putIfAbsent(requestTimeNs, future) != null)
        {
            throw new IllegalStateException("a dry run with this request time is already waiting");
        }
        return future;
    }

    /**
     * Stop waiting (timed out or not published).
     *
     * @param requestTimeNs the dry run's ingress time.
     */
    public void cancel(final long requestTimeNs)
    {
        waiting.remove(requestTimeNs);
    }

    /** Dry runs waiting for their answer. */
    public int waitingCount()
    {
        return waiting.size();
    }

    void complete(final ParseResultView result)
    {
        final CompletableFuture<ParseResultView> future = waiting.remove(result.requestTimeNs());
        if (future != null)
        {
            future.complete(result);
        }
    }
}
