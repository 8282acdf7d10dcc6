package io.sluice.bench.rig;

import java.util.concurrent.atomic.AtomicLong;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.sluice.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

/**
 * Counts the messages of one template on a stream, from a second subscription that sees what the stream's
 * real subscriber sees: e.g. every RawSignal admin-api put on the ingress stream, re-deliveries included.
 */
public final class FrameCounter implements Agent
{
    private final Subscription subscription;
    private final int templateId;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AtomicLong count = new AtomicLong();

    /**
     * @param subscription a subscription on the stream.
     * @param templateId   SBE template to count.
     */
    public FrameCounter(final Subscription subscription, final int templateId)
    {
        this.subscription = subscription;
        this.templateId = templateId;
    }

    public int doWork()
    {
        return subscription.poll(assembler, 64);
    }

    public String roleName()
    {
        return "bench-frame-counter";
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header frameHeader)
    {
        header.wrap(buffer, offset);
        if (header.templateId() == templateId)
        {
            count.lazySet(count.get() + 1);
        }
    }

    /** Messages of the template seen so far, readable from any thread. */
    public long count()
    {
        return count.get();
    }
}
