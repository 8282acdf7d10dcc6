package io.sluice.admin.readmodel;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable view of one signal, replaced as a whole on every change so HTTP threads never see a torn value.
 *
 * @param signalId       id the engine knows it by.
 * @param status         RECEIVED, ORDERED or REJECTED.
 * @param source         SignalSource name, or null while only its outputs were seen.
 * @param account        account named by the RawSignal, or null.
 * @param idempotencyKey client-given key, or null.
 * @param receivedAtNs   ingress wall clock of the RawSignal (epoch ns), or {@link #UNKNOWN_TIME}.
 * @param journalIndex   index of the RawSignal record, or -1 while unseen.
 * @param orders         client order ids created from it, in order.
 * @param reject         the last reject, or null.
 */
public record SignalView(
    String signalId,
    SignalStatus status,
    String source,
    String account,
    String idempotencyKey,
    long receivedAtNs,
    long journalIndex,
    List<String> orders,
    RejectView reject,
    int repeats)
{
    /** Marker for a time not known. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    static SignalView unseen(final String signalId)
    {
        return new SignalView(signalId, SignalStatus.RECEIVED, null, null, null, UNKNOWN_TIME, -1, List.of(), null, 0);
    }

    SignalView received(
        final String source, final String account, final String idempotencyKey, final long receivedAtNs, final long index)
    {
        return new SignalView(signalId, status, source, account, idempotencyKey, receivedAtNs, index, orders, reject, repeats);
    }

    SignalView ordered(final String clientOrderId)
    {
        final List<String> newOrders;
        if (orders.contains(clientOrderId))
        {
            newOrders = orders;
        }
        else
        {
            final List<String> list = new ArrayList<>(orders.size() + 1);
            list.addAll(orders);
            list.add(clientOrderId);
            newOrders = List.copyOf(list);
        }
        // A signal held for approval and then approved is ordered: it no longer waits.
        final boolean approved = status == SignalStatus.REJECTED && reject != null && "AWAITING_APPROVAL".equals(reject.reason());
        final SignalStatus newStatus = status == SignalStatus.REJECTED && !approved ? status : SignalStatus.ORDERED;
        return new SignalView(signalId, newStatus, source, account, idempotencyKey, receivedAtNs, journalIndex, newOrders,
            approved ? null : reject, repeats);
    }

    SignalView rejected(final RejectView reject)
    {
        return new SignalView(signalId, SignalStatus.REJECTED, source, account, idempotencyKey, receivedAtNs, journalIndex, orders, reject, repeats);
    }

    /** True once the engine decided this signal (ordered or rejected). */
    boolean decided()
    {
        return status == SignalStatus.ORDERED || status == SignalStatus.REJECTED;
    }

    /** The same signal id sent again and refused as DUPLICATE: the first outcome stands, the repeat is counted. */
    SignalView repeated()
    {
        return new SignalView(signalId, status, source, account, idempotencyKey, receivedAtNs, journalIndex, orders, reject, repeats + 1);
    }
}
