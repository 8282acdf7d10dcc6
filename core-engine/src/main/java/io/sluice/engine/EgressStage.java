package io.sluice.engine;

import com.lmax.disruptor.EventHandler;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Ascii;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Stage 3: journals each output, then offers orders and cancels to their venue's publication with
 * tryClaim. Back pressure is retried, never dropped; a venue with no connected gateway gets a
 * synthetic GATEWAY_DOWN report fed back into the ring as an input, so the outcome is journaled and
 * replays the same. Clears the slot.
 */
final class EgressStage implements EventHandler<RingEvent>
{
    private final Journal journal;
    private final VenuePublications venues;
    private final InternalInputs internalInputs;
    private final IdleStrategy backPressureIdle;
    private final AtomicCounter backPressureCounter;
    private final BufferClaim bufferClaim = new BufferClaim();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private volatile boolean running = true;
    private JournalAppender appender;
    private final java.util.List<JournalReplay.PendingOutput> recovered;
    private final java.util.concurrent.atomic.AtomicLong journaledThrough = new java.util.concurrent.atomic.AtomicLong(-1);
    private LatencyCounters latency;

    EgressStage(
        final Journal journal,
        final VenuePublications venues,
        final InternalInputs internalInputs,
        final IdleStrategy backPressureIdle,
        final AtomicCounter backPressureCounter,
        final java.util.List<JournalReplay.PendingOutput> recovered)
    {
        this.recovered = recovered;
        this.journal = journal;
        this.venues = venues;
        this.internalInputs = internalInputs;
        this.backPressureIdle = backPressureIdle;
        this.backPressureCounter = backPressureCounter;
    }

    public void onStart()
    {
        appender = journal.appender();
        // Outputs decided before a crash but never journaled were never sent: journal and send them first.
        if (!recovered.isEmpty())
        {
            venues.awaitConnected(5_000_000_000L);
        }
        for (final JournalReplay.PendingOutput output : recovered)
        {
            final org.agrona.concurrent.UnsafeBuffer frame = new org.agrona.concurrent.UnsafeBuffer(output.frame());
            appender.append(JournalRecord.KIND_OUTPUT, output.sequence(), output.timestampNs(), frame, 0, frame.capacity());
            route(frame, 0, frame.capacity());
        }
    }

    public void onShutdown()
    {
        appender.close();
    }

    /** Engine sequence of the last input whose outputs are all journaled (snapshots wait for it). */
    long journaledThrough()
    {
        return journaledThrough.get();
    }

    /** Where the ingress-to-egress latency of each input with outputs is recorded. */
    void latency(final LatencyCounters latency)
    {
        this.latency = latency;
    }

    void stop()
    {
        running = false;
    }

    public void onEvent(final RingEvent event, final long sequence, final boolean endOfBatch)
    {
        int position = 0;
        while (position < event.outputsLength)
        {
            final int length = event.outputs.getInt(position);
            final int offset = position + Integer.BYTES;
            appender.append(JournalRecord.KIND_OUTPUT, event.sequence, event.timestampNs, event.outputs, offset, length);
            route(event.outputs, offset, length);
            position = offset + length;
        }
        journaledThrough.lazySet(event.sequence);
        if (latency != null && event.outputsLength > 0)
        {
            latency.record(System.nanoTime() - event.receivedNanoTime);
        }
        event.clear();
    }

    private void route(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int venueFieldOffset;
        final int venueFieldLength;
        if (templateId == NewOrderDecoder.TEMPLATE_ID)
        {
            venueFieldOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH + NewOrderDecoder.venueEncodingOffset();
            venueFieldLength = NewOrderDecoder.venueLength();
        }
        else if (templateId == CancelOrderDecoder.TEMPLATE_ID)
        {
            venueFieldOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH + CancelOrderDecoder.venueEncodingOffset();
            venueFieldLength = CancelOrderDecoder.venueLength();
        }
        else if (templateId == io.sluice.sbe.AmendOrderDecoder.TEMPLATE_ID)
        {
            venueFieldOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH + io.sluice.sbe.AmendOrderDecoder.venueEncodingOffset();
            venueFieldLength = io.sluice.sbe.AmendOrderDecoder.venueLength();
        }
        else if (templateId == io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID)
        {
            // Unsent (no gateway): the core's reconciliation timeout turns it into an alert.
            venueFieldOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH + io.sluice.sbe.OrderStatusRequestDecoder.venueEncodingOffset();
            venueFieldLength = io.sluice.sbe.OrderStatusRequestDecoder.venueLength();
        }
        else
        {
            return;
        }

        final int venueLength = Ascii.fixedLength(buffer, venueFieldOffset, venueFieldLength);
        final ExclusivePublication publication = venues.lookup(buffer, venueFieldOffset, venueLength);
        if ((publication == null || !offer(publication, buffer, offset, length)) && templateId != io.sluice.sbe.AmendOrderDecoder.TEMPLATE_ID &&
            templateId != io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID)
        {
            internalInputs.gatewayDown(buffer, offset);
        }
    }

    private boolean offer(final ExclusivePublication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        backPressureIdle.reset();
        while (running)
        {
            final long result;
            if (length <= publication.maxPayloadLength())
            {
                result = publication.tryClaim(length, bufferClaim);
                if (result > 0)
                {
                    bufferClaim.buffer().putBytes(bufferClaim.offset(), buffer, offset, length);
                    bufferClaim.commit();
                    return true;
                }
            }
            else
            {
                result = publication.offer(buffer, offset, length);
                if (result > 0)
                {
                    return true;
                }
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            backPressureCounter.increment();
            backPressureIdle.idle();
        }
        return false;
    }
}
