package io.sluice.gateway.mt5;

/**
 * Constants of SluiceBridge protocol version 1 as written in {@code gateways/mt5/PROTOCOL.md}.
 */
final class BridgeProtocol
{
    /** The protocol version this gateway speaks. */
    static final int VERSION = 1;
    /** Longest line either side accepts, newline excluded. */
    static final int MAX_LINE_BYTES = 65_536;
    /** Name the gateway gives in {@code auth.client}. */
    static final String CLIENT_NAME = "sluice-gateway";

    /** Command: liveness check. */
    static final String CMD_PING = "ping";
    /** Command: account, symbols, positions, pending orders and recent history in one consistent answer. */
    static final String CMD_SNAPSHOT = "snapshot";
    /** Command: push quotes of these symbols. */
    static final String CMD_SUBSCRIBE = "subscribe";
    /** Command: one MqlTradeRequest through OrderSend. */
    static final String CMD_ORDER_SEND = "order_send";

    /** Event: one OnTradeTransaction call. */
    static final String EVT_TRADE_TRANSACTION = "trade_transaction";
    /** Event: a position opened, changed or closed. */
    static final String EVT_POSITION = "position";
    /** Event: balance, equity or margin changed. */
    static final String EVT_ACCOUNT = "account";
    /** Event: best bid/ask of a subscribed symbol changed. */
    static final String EVT_QUOTE = "quote";
    /** Event: the EA is alive. */
    static final String EVT_HEARTBEAT = "heartbeat";

    private BridgeProtocol()
    {
    }
}
