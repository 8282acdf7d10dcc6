package io.sluice.gateway.india;

import io.sluice.gateway.OrderIdentity;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.OrdStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sluice order at a broker, made of one or more slices, with what has been reported to the engine so far so every
 * report carries the order's aggregate (NEW once, TRADE per increase of the total filled quantity, one final status).
 */
final class TrackedOrder
{
    final OrderIdentity identity = new OrderIdentity();
    final AccountSession session;
    final List<Slice> slices = new ArrayList<>();
    OrderSpec spec;
    boolean newReported;
    long reportedCumQty;
    long reportedNotional;
    boolean terminalReported;
    boolean cancelRequested;
    boolean placingStopped;
    String failureText;

    TrackedOrder(final OrderIdentity identity, final AccountSession session, final OrderSpec spec)
    {
        this.identity.set(identity);
        this.session = session;
        this.spec = spec;
    }

    String clientOrderId()
    {
        return identity.clientOrderId().toString();
    }

    long quantity()
    {
        long total = 0;
        for (final Slice slice : slices)
        {
            total += slice.quantity;
        }
        return total;
    }

    long cumQty()
    {
        long total = 0;
        for (final Slice slice : slices)
        {
            total += slice.filledQty;
        }
        return total;
    }

    /**
     * Sum of filled quantity times average price over the slices, fixed point.
     */
    long notional()
    {
        long total = 0;
        for (final Slice slice : slices)
        {
            if (slice.filledQty > 0)
            {
                total += Fixed.multiply(slice.filledQty, slice.avgPrice);
            }
        }
        return total;
    }

    Slice nextToSend()
    {
        for (final Slice slice : slices)
        {
            if (slice.state == Slice.State.NOT_SENT)
            {
                return slice;
            }
        }
        return null;
    }

    boolean hasSliceInFlightOrUnknown()
    {
        for (final Slice slice : slices)
        {
            if (slice.state == Slice.State.PLACING || slice.state == Slice.State.UNKNOWN)
            {
                return true;
            }
        }
        return false;
    }

    boolean hasUnknownSlice()
    {
        for (final Slice slice : slices)
        {
            if (slice.state == Slice.State.UNKNOWN)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every slice that will ever exist is done (placing stopped or all sent).
     */
    boolean isDone()
    {
        for (final Slice slice : slices)
        {
            if (slice.state == Slice.State.NOT_SENT && !placingStopped && !cancelRequested)
            {
                return false;
            }
            if (slice.state != Slice.State.NOT_SENT && !slice.isDone())
            {
                return false;
            }
        }
        return true;
    }

    boolean isWorking()
    {
        for (final Slice slice : slices)
        {
            if (slice.isWorking())
            {
                return true;
            }
        }
        return false;
    }

    String firstOrderId()
    {
        for (final Slice slice : slices)
        {
            if (slice.orderId != null)
            {
                return slice.orderId;
            }
        }
        return null;
    }

    /**
     * The status to report once every slice is done.
     */
    OrdStatus finalStatus()
    {
        final long cum = cumQty();
        if (cum >= quantity())
        {
            return OrdStatus.FILLED;
        }
        boolean anyRejected = false;
        boolean anyExpired = false;
        for (final Slice slice : slices)
        {
            anyRejected |= slice.state == Slice.State.FAILED || slice.status == BrokerStatus.REJECTED;
            anyExpired |= slice.status == BrokerStatus.EXPIRED;
        }
        if (cum == 0 && anyRejected && !cancelRequested)
        {
            return OrdStatus.REJECTED;
        }
        if (anyExpired && !cancelRequested && !anyRejected)
        {
            return OrdStatus.EXPIRED;
        }
        return OrdStatus.CANCELED;
    }

    Slice sliceByTag(final String tag)
    {
        for (final Slice slice : slices)
        {
            if (slice.tag.equals(tag))
            {
                return slice;
            }
        }
        return null;
    }
}
