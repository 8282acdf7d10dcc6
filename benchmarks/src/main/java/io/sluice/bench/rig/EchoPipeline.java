package io.sluice.bench.rig;

import io.sluice.bench.Results;
import io.sluice.bench.frames.SignalFrame;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;

/**
 * The baseline of rig 2: the same client, bodies and rate against a raw Netty HTTP echo server on
 * loopback; the latency is intended send time to the response.
 */
public final class EchoPipeline implements Pipeline
{
    private final NettyEchoServer server;
    private final HttpLoadClient client;
    private long nextProbe = OrderReceiver.PROBE_BASE;

    /**
     * @param ioThreads       server I/O threads (admin-api's default is 2).
     * @param connections     keep-alive connections of the client.
     * @param schedule        intended send times.
     * @param recordFromIndex first recorded request.
     */
    public EchoPipeline(final int ioThreads, final int connections, final FixedRateSchedule schedule, final long recordFromIndex)
    {
        server = new NettyEchoServer(ioThreads);
        try
        {
            client = new HttpLoadClient(server.address(), connections, "/echo", 200, schedule, recordFromIndex,
                OrderReceiver.PROBE_BASE, SignalFrame::body);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(server);
            throw ex;
        }
    }

    public void awaitReady(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        client.submit(nextProbe++);
        while (client.responses() == 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("echo server did not answer in time");
            }
            Thread.yield();
        }
    }

    public boolean send(final long index)
    {
        return client.submit(index);
    }

    public long received()
    {
        // The probe's response is not a benchmark response.
        return Math.max(0, client.responses() - (nextProbe - OrderReceiver.PROBE_BASE));
    }

    public void stop()
    {
        client.freeze();
    }

    public Histogram histogram()
    {
        return client.histogram();
    }

    public long lastRecordedNs()
    {
        return client.lastRecordedNs();
    }

    public void addResults(final Results results, final String prefix)
    {
        results.put(prefix + ".httpErrors", client.errors());
    }

    public void close()
    {
        CloseHelper.quietCloseAll(client, server);
    }
}
