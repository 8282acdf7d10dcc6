package io.sluice.gateway;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.sluice.sbe.AmendOrderDecoder;
import io.sluice.sbe.CancelOrderDecoder;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

/**
 * Decodes the {@code orders.<venue>} stream and hands each NewOrder and CancelOrder to the venue.
 * <p>
 * Messages of another schema or an unknown template are counted and skipped; an exception thrown by the venue
 * for one message is counted and passed to the error handler, and the stream moves on to the next message.
 */
public final class OrdersAdapter implements FragmentHandler
{
    /** Most fragments taken from the subscription in one duty cycle. */
    public static final int FRAGMENT_LIMIT = 16;

    private final Subscription subscription;
    private final Venue venue;
    private final ErrorHandler errorHandler;
    private final FragmentAssembler fragmentAssembler = new FragmentAssembler(this);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrderDecoder = new CancelOrderDecoder();
    private final AmendOrderDecoder amendOrderDecoder = new AmendOrderDecoder();
    private final io.sluice.sbe.OrderStatusRequestDecoder statusRequestDecoder = new io.sluice.sbe.OrderStatusRequestDecoder();
    private final OrderStatusQuery statusQuery = new OrderStatusQuery();

    private long nowNs;
    private long newOrderCount;
    private long cancelOrderCount;
    private long amendOrderCount;
    private long statusRequestCount;
    private long unknownMessageCount;
    private long errorCount;

    /**
     * Adapter over one orders subscription.
     *
     * @param subscription the {@code orders.<venue>} subscription.
     * @param venue        receives the decoded orders.
     * @param errorHandler receives exceptions the venue throws.
     */
    public OrdersAdapter(final Subscription subscription, final Venue venue, final ErrorHandler errorHandler)
    {
        this.subscription = subscription;
        this.venue = venue;
        this.errorHandler = errorHandler;
    }

    /**
     * Take up to {@link #FRAGMENT_LIMIT} fragments and dispatch complete messages.
     *
     * @param nowNs epoch nanoseconds of this duty cycle, passed to the venue.
     * @return fragments read.
     */
    public int poll(final long nowNs)
    {
        this.nowNs = nowNs;
        return subscription.poll(fragmentAssembler, FRAGMENT_LIMIT);
    }

    /**
     * Decode one complete message.
     *
     * @param buffer containing the message.
     * @param offset of the message header.
     * @param length of the message.
     * @param header Aeron frame header.
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            unknownMessageCount++;
            return;
        }

        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != NewOrderDecoder.SCHEMA_ID)
        {
            unknownMessageCount++;
            return;
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int actingBlockLength = headerDecoder.blockLength();
        final int actingVersion = headerDecoder.version();
        try
        {
            switch (headerDecoder.templateId())
            {
                case NewOrderDecoder.TEMPLATE_ID:
                    newOrderDecoder.wrap(buffer, bodyOffset, actingBlockLength, actingVersion);
                    newOrderCount++;
                    venue.onNewOrder(newOrderDecoder, nowNs);
                    break;

                case CancelOrderDecoder.TEMPLATE_ID:
                    cancelOrderDecoder.wrap(buffer, bodyOffset, actingBlockLength, actingVersion);
                    cancelOrderCount++;
                    venue.onCancelOrder(cancelOrderDecoder, nowNs);
                    break;

                case AmendOrderDecoder.TEMPLATE_ID:
                    amendOrderDecoder.wrap(buffer, bodyOffset, actingBlockLength, actingVersion);
                    amendOrderCount++;
                    venue.onAmendOrder(amendOrderDecoder, nowNs);
                    break;

                case io.sluice.sbe.OrderStatusRequestDecoder.TEMPLATE_ID:
                    statusRequestDecoder.wrap(buffer, bodyOffset, actingBlockLength, actingVersion);
                    statusRequestCount++;
                    venue.onOrderStatusRequest(statusQuery.set(statusRequestDecoder), nowNs);
                    break;

                default:
                    unknownMessageCount++;
                    break;
            }
        }
        catch (final Exception ex)
        {
            errorCount++;
            errorHandler.onError(ex);
        }
    }

    /**
     * NewOrder messages handed to the venue.
     *
     * @return count.
     */
    public long newOrderCount()
    {
        return newOrderCount;
    }

    /**
     * CancelOrder messages handed to the venue.
     *
     * @return count.
     */
    public long cancelOrderCount()
    {
        return cancelOrderCount;
    }

    /**
     * AmendOrder messages handed to the venue.
     *
     * @return count.
     */
    public long amendOrderCount()
    {
        return amendOrderCount;
    }

    /**
     * OrderStatusRequest messages (reconciliation) handed to the venue.
     *
     * @return count.
     */
    public long statusRequestCount()
    {
        return statusRequestCount;
    }

    /**
     * Messages skipped because of a foreign schema, an unknown template or a short frame.
     *
     * @return count.
     */
    public long unknownMessageCount()
    {
        return unknownMessageCount;
    }

    /**
     * Messages whose handling threw.
     *
     * @return count.
     */
    public long errorCount()
    {
        return errorCount;
    }
}
