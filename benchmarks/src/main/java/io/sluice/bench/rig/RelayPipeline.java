package io.sluice.bench.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import io.sluice.bench.frames.SignalFrame;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;

/**
 * The baselines of rig 1: the same RawSignal frames, the same threads and idle strategies, no Sluice logic
 * and no journal. With no ring stages it is a raw Aeron IPC ping-pong (ping stream → echo agent → pong
 * stream); with ring stages the echo agent copies each frame into a Disruptor ring of the engine's size and
 * wait strategy, through that many empty handlers, the last of which publishes the pong — the floor the
 * engine's own pipeline (ingress agent → journal → core → egress) stands on.
 */
public final class RelayPipeline implements Pipeline
{
    private static final int PING_STREAM_ID = 1001;
    private static final int PONG_STREAM_ID = 2001;
    private static final int RING_SIZE = 1024;

    private final RigDirs dirs;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ExclusivePublication ping;
    private final Subscription pingSubscription;
    private final ExclusivePublication pong;
    private final Subscription pongSubscription;
    private final Disruptor<Slot> disruptor;
    private final Forwarder forwarder;
    private final AgentRunner echoRunner;
    private final OrderReceiver receiver;
    private final AgentRunner receiverRunner;
    private final SignalFrame frame = new SignalFrame();
    private long nextProbe = OrderReceiver.PROBE_BASE;

    /** A pre-allocated ring slot holding one frame. */
    static final class Slot
    {
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
        int length;
    }

    /**
     * Start the driver, the echo and the receiver.
     *
     * @param profile         idle strategies.
     * @param ringStages      0 for a plain ping-pong; otherwise empty Disruptor handlers in the echo path.
     * @param schedule        intended send times.
     * @param recordFromIndex first recorded message.
     */
    public RelayPipeline(final Profile profile, final int ringStages, final FixedRateSchedule schedule, final long recordFromIndex)
    {
        dirs = RigDirs.create(ringStages == 0 ? "pingpong" : "floor");
        driver = dirs.launchDriver();
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dirs.aeronDir()));
        final String channel = io.sluice.protocol.Streams.DEFAULT_CHANNEL;
        ping = aeron.addExclusivePublication(channel, PING_STREAM_ID);
        pingSubscription = aeron.addSubscription(channel, PING_STREAM_ID);
        pong = aeron.addExclusivePublication(channel, PONG_STREAM_ID);
        pongSubscription = aeron.addSubscription(channel, PONG_STREAM_ID);

        forwarder = new Forwarder(pong);
        final Agent echo;
        if (ringStages == 0)
        {
            disruptor = null;
            echo = new EchoAgent(pingSubscription, forwarder::forward);
        }
        else
        {
            disruptor = new Disruptor<>(Slot::new, RING_SIZE, RelayPipeline::stageThread, ProducerType.SINGLE, profile.newWaitStrategy());
            // The engine's shape: ringStages handlers in a chain, the last one publishing.
            final List<EventHandler<Slot>> stages = new ArrayList<>();
            for (int i = 1; i < ringStages; i++)
            {
                stages.add(new EmptyHandler());
            }
            stages.add((slot, sequence, endOfBatch) -> forwarder.forward(slot.frame, 0, slot.length));
            EventHandlerGroup<Slot> chain = disruptor.handleEventsWith(stages.get(0));
            for (int i = 1; i < stages.size(); i++)
            {
                chain = chain.then(stages.get(i));
            }
            final RingBuffer<Slot> ring = disruptor.start();
            echo = new EchoAgent(pingSubscription, (buffer, offset, length) ->
            {
                final long sequence = ring.next();
                try
                {
                    final Slot slot = ring.get(sequence);
                    slot.frame.putBytes(0, buffer, offset, length);
                    slot.length = length;
                }
                finally
                {
                    ring.publish(sequence);
                }
            });
        }
        echoRunner = new AgentRunner(profile.newIdleStrategy(), Throwable::printStackTrace, null, echo);
        AgentRunner.startOnThread(echoRunner);
        receiver = new OrderReceiver(pongSubscription, null, schedule, recordFromIndex);
        receiverRunner = new AgentRunner(profile.newIdleStrategy(), Throwable::printStackTrace, null, receiver);
        AgentRunner.startOnThread(receiverRunner);
    }

    private static Thread stageThread(final Runnable runnable)
    {
        final Thread thread = new Thread(runnable, "bench-relay-stage");
        thread.setDaemon(true);
        return thread;
    }

    public void awaitReady(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        long nextProbeNs = 0;
        while (receiver.probes() == 0)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs > 0)
            {
                throw new IllegalStateException("relay did not echo a probe in time");
            }
            if (nowNs - nextProbeNs > 0 && ping.isConnected() && pong.isConnected())
            {
                frame.index(nextProbe++);
                ping.offer(frame.buffer(), 0, frame.length());
                nextProbeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(50);
            }
            Thread.yield();
        }
    }

    public boolean send(final long index)
    {
        frame.index(index);
        final long result = ping.offer(frame.buffer(), 0, frame.length());
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            return false;
        }
        throw new IllegalStateException("ping publication failed: " + Publication.errorString(result));
    }

    public long received()
    {
        return receiver.received();
    }

    public void stop()
    {
        receiver.freeze(TimeUnit.SECONDS.toNanos(5));
    }

    public Histogram histogram()
    {
        return receiver.histogram();
    }

    public long lastRecordedNs()
    {
        return receiver.lastRecordedNs();
    }

    public void close()
    {
        // Upstream first, the receiver last, so nothing waits on a stage that has already stopped.
        forwarder.stop();
        CloseHelper.quietClose(echoRunner);
        if (disruptor != null)
        {
            disruptor.halt();
        }
        CloseHelper.quietCloseAll(receiverRunner, ping, pingSubscription, pong, pongSubscription, aeron, driver, dirs);
    }

    /** Copies one frame onward. */
    @FunctionalInterface
    interface FrameSink
    {
        void onFrame(DirectBuffer buffer, int offset, int length);
    }

    /** Polls the ping stream and hands each frame on, as the engine's ingress agent does. */
    static final class EchoAgent implements Agent
    {
        private final Subscription subscription;
        private final FragmentHandler assembler;

        EchoAgent(final Subscription subscription, final FrameSink sink)
        {
            this.subscription = subscription;
            this.assembler = new FragmentAssembler((buffer, offset, length, header) -> sink.onFrame(buffer, offset, length));
        }

        public int doWork()
        {
            return subscription.poll(assembler, 64);
        }

        public String roleName()
        {
            return "bench-echo";
        }
    }

    /** Publishes a frame with tryClaim, retrying on back pressure, as the engine's egress stage does. */
    static final class Forwarder
    {
        private final ExclusivePublication publication;
        private final BufferClaim claim = new BufferClaim();
        private volatile boolean running = true;

        Forwarder(final ExclusivePublication publication)
        {
            this.publication = publication;
        }

        void stop()
        {
            running = false;
        }

        void forward(final DirectBuffer buffer, final int offset, final int length)
        {
            while (running)
            {
                final long result = publication.tryClaim(length, claim);
                if (result > 0)
                {
                    claim.buffer().putBytes(claim.offset(), buffer, offset, length);
                    claim.commit();
                    return;
                }
                if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    return;
                }
                Thread.onSpinWait();
            }
        }
    }

    /** A ring stage that does nothing: what a hop through the Disruptor costs on its own. */
    static final class EmptyHandler implements EventHandler<Slot>
    {
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
        }
    }
}
