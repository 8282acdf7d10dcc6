package io.sluice.gateway.mt5.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The trading side of the fake terminal: symbols with a price feed, positions (hedging or netting), pending
 * orders, deal and order history, executing MqlTradeRequests the way the MT5 documentation describes and
 * producing the MqlTradeResult, the affected positions, and the OnTradeTransaction events. Not thread safe: the
 * {@link FakeTerminal} serialises every call under its lock. Decimals are BigDecimal, never double.
 */
final class FakeTradeServer
{
    static final int DONE = 10009;
    static final int REQUOTE = 10004;
    static final int INVALID = 10013;
    static final int INVALID_VOLUME = 10014;
    static final int INVALID_STOPS = 10016;
    static final int NO_CHANGES = 10025;
    static final int INVALID_FILL = 10030;
    static final int INVALID_ORDER = 10035;
    static final int POSITION_CLOSED = 10036;
    static final int INVALID_CLOSE_VOLUME = 10038;

    private final ObjectMapper mapper;
    private final boolean hedging;
    private final LongSupplier clockMs;
    final Map<String, FakeSymbol> symbols = new LinkedHashMap<>();
    final Map<Long, ObjectNode> positions = new LinkedHashMap<>();
    final Map<Long, ObjectNode> pendingOrders = new LinkedHashMap<>();
    final List<ObjectNode> historyOrders = new ArrayList<>();
    final List<ObjectNode> deals = new ArrayList<>();
    final long login;
    BigDecimal balance = new BigDecimal("10000.00");
    BigDecimal commissionPerLot = BigDecimal.ZERO;
    private long nextTicket = 5_000_001;
    private long nextRequestId = 1;

    FakeTradeServer(final ObjectMapper mapper, final boolean hedging, final long login, final LongSupplier clockMs)
    {
        this.mapper = mapper;
        this.hedging = hedging;
        this.login = login;
        this.clockMs = clockMs;
    }

    /** What one order_send did: the reply payload and the events it caused, in order. */
    static final class Outcome
    {
        final ObjectNode result;
        final ArrayNode positions;
        ObjectNode dealInfo;
        final List<ObjectNode> events = new ArrayList<>();

        Outcome(final ObjectNode result, final ArrayNode positions)
        {
            this.result = result;
            this.positions = positions;
        }
    }

    /** One symbol of the fake: its specification and its quote. */
    static final class FakeSymbol
    {
        final String name;
        final int digits;
        final BigDecimal point;
        final BigDecimal contractSize;
        final BigDecimal volumeMin;
        final BigDecimal volumeMax;
        final BigDecimal volumeStep;
        final int fillingMode;
        BigDecimal bid;
        BigDecimal ask;

        FakeSymbol(
            final String name, final int digits, final String contractSize, final String volumeMin, final String volumeMax,
            final String volumeStep, final int fillingMode, final String bid, final String ask)
        {
            this.name = name;
            this.digits = digits;
            this.point = BigDecimal.ONE.movePointLeft(digits);
            this.contractSize = new BigDecimal(contractSize);
            this.volumeMin = new BigDecimal(volumeMin);
            this.volumeMax = new BigDecimal(volumeMax);
            this.volumeStep = new BigDecimal(volumeStep);
            this.fillingMode = fillingMode;
            this.bid = new BigDecimal(bid);
            this.ask = new BigDecimal(ask);
        }
    }

    ObjectNode accountInfo()
    {
        return mapper.createObjectNode()
            .put("login", login)
            .put("server", "FakeBroker-Demo")
            .put("currency", "USD")
            .put("balance", balance)
            .put("equity", balance)
            .put("margin", BigDecimal.ZERO)
            .put("margin_free", balance)
            .put("margin_mode", hedging ? "ACCOUNT_MARGIN_MODE_RETAIL_HEDGING" : "ACCOUNT_MARGIN_MODE_RETAIL_NETTING")
            .put("leverage", 100)
            .put("trade_allowed", true);
    }

    ObjectNode symbolInfo(final String name)
    {
        final FakeSymbol symbol = symbols.get(name);
        if (symbol == null)
        {
            return mapper.createObjectNode().put("name", name).put("found", false);
        }
        return mapper.createObjectNode()
            .put("name", name)
            .put("found", true)
            .put("digits", symbol.digits)
            .put("point", symbol.point)
            .put("trade_tick_size", symbol.point)
            .put("trade_contract_size", symbol.contractSize)
            .put("volume_min", symbol.volumeMin)
            .put("volume_max", symbol.volumeMax)
            .put("volume_step", symbol.volumeStep)
            .put("filling_mode", symbol.fillingMode)
            .put("trade_stops_level", 0)
            .put("trade_mode", "SYMBOL_TRADE_MODE_FULL")
            .put("bid", symbol.bid)
            .put("ask", symbol.ask);
    }

    /**
     * Execute one MqlTradeRequest.
     *
     * @param request the request object.
     * @param forcedRetcode a retcode to answer with instead of executing, or 0.
     * @return the outcome.
     */
    Outcome execute(final JsonNode request, final int forcedRetcode)
    {
        final ObjectNode result = mapper.createObjectNode()
            .put("retcode", 0).put("deal", 0).put("order", 0)
            .put("volume", BigDecimal.ZERO).put("price", BigDecimal.ZERO)
            .put("bid", BigDecimal.ZERO).put("ask", BigDecimal.ZERO)
            .put("comment", "").put("request_id", nextRequestId++).put("retcode_external", 0);
        final Outcome outcome = new Outcome(result, mapper.createArrayNode());
        final FakeSymbol symbol = symbols.get(request.path("symbol").asText(""));
        if (symbol != null)
        {
            result.put("bid", symbol.bid).put("ask", symbol.ask);
        }
        if (forcedRetcode != 0)
        {
            return answer(outcome, forcedRetcode, "forced by the test");
        }
        switch (request.path("action").asText(""))
        {
            case "TRADE_ACTION_DEAL":
                return deal(request, symbol, outcome);
            case "TRADE_ACTION_PENDING":
                return pending(request, symbol, outcome);
            case "TRADE_ACTION_REMOVE":
                return remove(request, outcome);
            case "TRADE_ACTION_MODIFY":
                return modify(request, outcome);
            case "TRADE_ACTION_SLTP":
                return sltp(request, symbol, outcome);
            case "TRADE_ACTION_CLOSE_BY":
                return closeBy(request, outcome);
            default:
                return answer(outcome, INVALID, "Invalid request");
        }
    }

    private Outcome deal(final JsonNode request, final FakeSymbol symbol, final Outcome outcome)
    {
        if (symbol == null)
        {
            return answer(outcome, INVALID, "Invalid request: unknown symbol");
        }
        final BigDecimal volume = decimal(request, "volume");
        if (!validVolume(symbol, volume))
        {
            return answer(outcome, INVALID_VOLUME, "Invalid volume");
        }
        if (!fillingAllowed(symbol, request.path("type_filling").asText("")))
        {
            return answer(outcome, INVALID_FILL, "Unsupported filling mode");
        }
        final boolean buy = "ORDER_TYPE_BUY".equals(request.path("type").asText(""));
        final BigDecimal market = buy ? symbol.ask : symbol.bid;
        final BigDecimal requested = decimal(request, "price");
        final BigDecimal slippage = symbol.point.multiply(BigDecimal.valueOf(request.path("deviation").asLong(0)));
        if (requested.signum() != 0 && requested.subtract(market).abs().compareTo(slippage) > 0)
        {
            return answer(outcome, REQUOTE, "Requote");
        }
        final long positionTicket = request.path("position").asLong(0);
        if (positionTicket != 0)
        {
            final ObjectNode position = positions.get(positionTicket);
            if (position == null)
            {
                return answer(outcome, POSITION_CLOSED, "Position already closed");
            }
            if (isBuy(position) == buy)
            {
                return answer(outcome, INVALID, "Invalid request: the deal does not close the position");
            }
            if (volume.compareTo(decimal(position, "volume")) > 0)
            {
                return answer(outcome, INVALID_CLOSE_VOLUME, "Invalid close volume");
            }
        }
        final long orderTicket = nextTicket++;
        final String comment = request.path("comment").asText("");
        final long magic = request.path("magic").asLong(0);
        final ObjectNode deal = fill(symbol, buy, volume, market, positionTicket, orderTicket, magic, comment,
            decimal(request, "sl"), decimal(request, "tp"), "DEAL_REASON_EXPERT", outcome);
        historyOrders.add(order(orderTicket, symbol.name, buy ? "ORDER_TYPE_BUY" : "ORDER_TYPE_SELL", volume, market, magic, comment)
            .put("state", "ORDER_STATE_FILLED").put("volume_current", BigDecimal.ZERO)
            .put("position_id", deal.get("position_id").asLong()).put("time_done_msc", clockMs.getAsLong()));
        outcome.events.add(transaction("TRADE_TRANSACTION_HISTORY_ADD", orderTicket, 0, symbol.name, "ORDER_STATE_FILLED"));
        result(outcome, DONE, "Request executed")
            .put("deal", deal.get("ticket").asLong()).put("order", orderTicket).put("volume", volume).put("price", market);
        outcome.dealInfo = deal;
        return outcome;
    }

    /** Execute a deal against the positions and record it; adds its transaction, position and account events. */
    private ObjectNode fill(
        final FakeSymbol symbol, final boolean buy, final BigDecimal volume, final BigDecimal price, final long closeTicket,
        final long orderTicket, final long magic, final String comment, final BigDecimal sl, final BigDecimal tp,
        final String reason, final Outcome outcome)
    {
        ObjectNode position = closeTicket != 0 ? positions.get(closeTicket) : null;
        if (position == null && !hedging)
        {
            position = positions.values().stream()
                .filter((p) -> p.get("symbol").asText().equals(symbol.name)).findFirst().orElse(null);
        }
        final String entry;
        final long positionId;
        if (position == null)
        {
            positionId = orderTicket;
            position = mapper.createObjectNode()
                .put("ticket", positionId).put("identifier", positionId).put("symbol", symbol.name)
                .put("type", buy ? "POSITION_TYPE_BUY" : "POSITION_TYPE_SELL").put("volume", volume)
                .put("price_open", price).put("price_current", price).put("sl", sl).put("tp", tp)
                .put("magic", magic).put("comment", comment).put("time_msc", clockMs.getAsLong());
            positions.put(positionId, position);
            entry = "DEAL_ENTRY_IN";
        }
        else
        {
            positionId = position.get("ticket").asLong();
            final BigDecimal open = decimal(position, "volume");
            if (isBuy(position) == buy)
            {
                final BigDecimal total = open.add(volume);
                position.put("price_open", decimal(position, "price_open").multiply(open).add(price.multiply(volume))
                    .divide(total, symbol.digits, RoundingMode.HALF_EVEN));
                position.put("volume", total);
                entry = "DEAL_ENTRY_IN";
            }
            else if (volume.compareTo(open) < 0)
            {
                position.put("volume", open.subtract(volume));
                entry = "DEAL_ENTRY_OUT";
            }
            else if (volume.compareTo(open) == 0)
            {
                positions.remove(positionId);
                position.put("volume", BigDecimal.ZERO);
                entry = "DEAL_ENTRY_OUT";
            }
            else
            {
                position.put("volume", volume.subtract(open)).put("price_open", price)
                    .put("type", buy ? "POSITION_TYPE_BUY" : "POSITION_TYPE_SELL");
                entry = "DEAL_ENTRY_INOUT";
            }
            if (closeTicket == 0 && sl.signum() != 0)
            {
                position.put("sl", sl);
            }
            if (closeTicket == 0 && tp.signum() != 0)
            {
                position.put("tp", tp);
            }
        }
        final ObjectNode deal = mapper.createObjectNode()
            .put("ticket", nextTicket++).put("order", orderTicket).put("position_id", positionId).put("symbol", symbol.name)
            .put("type", buy ? "DEAL_TYPE_BUY" : "DEAL_TYPE_SELL").put("entry", entry).put("reason", reason)
            .put("volume", volume).put("price", price).put("commission", commissionPerLot.multiply(volume).negate())
            .put("swap", BigDecimal.ZERO).put("profit", BigDecimal.ZERO).put("magic", magic).put("comment", comment)
            .put("time_msc", clockMs.getAsLong());
        deals.add(deal);
        balance = balance.add(decimal(deal, "commission"));

        final ObjectNode transaction = transaction("TRADE_TRANSACTION_DEAL_ADD", orderTicket, deal.get("ticket").asLong(), symbol.name, "");
        ((ObjectNode)transaction.get("transaction")).put("position", positionId).put("volume", volume).put("price", price)
            .put("deal_type", deal.get("type").asText());
        transaction.set("deal_info", deal.deepCopy());
        outcome.events.add(transaction);
        final ObjectNode snapshot = positionSnapshot(positionId, position);
        outcome.positions.add(snapshot);
        outcome.events.add(mapper.createObjectNode().put("event", "position").set("position", snapshot.deepCopy()));
        outcome.events.add((ObjectNode)mapper.createObjectNode().put("event", "account").set("account", accountInfo()));
        return deal;
    }

    private Outcome pending(final JsonNode request, final FakeSymbol symbol, final Outcome outcome)
    {
        if (symbol == null)
        {
            return answer(outcome, INVALID, "Invalid request: unknown symbol");
        }
        final BigDecimal volume = decimal(request, "volume");
        if (!validVolume(symbol, volume))
        {
            return answer(outcome, INVALID_VOLUME, "Invalid volume");
        }
        final long ticket = nextTicket++;
        final ObjectNode order = order(ticket, symbol.name, request.path("type").asText(), volume, decimal(request, "price"),
            request.path("magic").asLong(0), request.path("comment").asText(""))
            .put("state", "ORDER_STATE_PLACED").put("price_stoplimit", decimal(request, "stoplimit"))
            .put("sl", decimal(request, "sl")).put("tp", decimal(request, "tp"))
            .put("type_time", request.path("type_time").asText("ORDER_TIME_GTC"));
        pendingOrders.put(ticket, order);
        outcome.events.add(transaction("TRADE_TRANSACTION_ORDER_ADD", ticket, 0, symbol.name, "ORDER_STATE_PLACED"));
        result(outcome, DONE, "Request executed").put("order", ticket).put("volume", volume).put("price", decimal(request, "price"));
        return outcome;
    }

    private Outcome remove(final JsonNode request, final Outcome outcome)
    {
        final long ticket = request.path("order").asLong(0);
        final ObjectNode order = pendingOrders.remove(ticket);
        if (order == null)
        {
            return answer(outcome, INVALID_ORDER, "Invalid order");
        }
        toHistory(order, "ORDER_STATE_CANCELED", outcome);
        result(outcome, DONE, "Request executed").put("order", ticket);
        return outcome;
    }

    private Outcome modify(final JsonNode request, final Outcome outcome)
    {
        final long ticket = request.path("order").asLong(0);
        final ObjectNode order = pendingOrders.get(ticket);
        if (order == null)
        {
            return answer(outcome, INVALID_ORDER, "Invalid order");
        }
        order.put("price_open", decimal(request, "price")).put("price_stoplimit", decimal(request, "stoplimit"))
            .put("sl", decimal(request, "sl")).put("tp", decimal(request, "tp"));
        outcome.events.add(transaction("TRADE_TRANSACTION_ORDER_UPDATE", ticket, 0, order.get("symbol").asText(), "ORDER_STATE_PLACED"));
        result(outcome, DONE, "Request executed").put("order", ticket);
        return outcome;
    }

    private Outcome sltp(final JsonNode request, final FakeSymbol symbol, final Outcome outcome)
    {
        final long ticket = request.path("position").asLong(0);
        final ObjectNode position = positions.get(ticket);
        if (position == null || symbol == null)
        {
            return answer(outcome, POSITION_CLOSED, "Position doesn't exist");
        }
        final BigDecimal sl = decimal(request, "sl");
        final BigDecimal tp = decimal(request, "tp");
        final boolean buy = isBuy(position);
        final BigDecimal reference = buy ? symbol.bid : symbol.ask;
        final boolean slWrongSide = sl.signum() != 0 && (buy ? sl.compareTo(reference) >= 0 : sl.compareTo(reference) <= 0);
        final boolean tpWrongSide = tp.signum() != 0 && (buy ? tp.compareTo(reference) <= 0 : tp.compareTo(reference) >= 0);
        if (slWrongSide || tpWrongSide)
        {
            return answer(outcome, INVALID_STOPS, "Invalid stops");
        }
        if (sl.compareTo(decimal(position, "sl")) == 0 && tp.compareTo(decimal(position, "tp")) == 0)
        {
            return answer(outcome, NO_CHANGES, "No changes");
        }
        position.put("sl", sl).put("tp", tp);
        final ObjectNode snapshot = positionSnapshot(ticket, position);
        outcome.positions.add(snapshot);
        outcome.events.add(transaction("TRADE_TRANSACTION_POSITION", 0, 0, symbol.name, ""));
        outcome.events.add(mapper.createObjectNode().put("event", "position").set("position", snapshot.deepCopy()));
        result(outcome, DONE, "Request executed");
        return outcome;
    }

    private Outcome closeBy(final JsonNode request, final Outcome outcome)
    {
        final ObjectNode position = positions.get(request.path("position").asLong(0));
        final ObjectNode by = positions.get(request.path("position_by").asLong(0));
        if (!hedging || position == null || by == null || isBuy(position) == isBuy(by) ||
            !position.get("symbol").asText().equals(by.get("symbol").asText()))
        {
            return answer(outcome, INVALID, "Invalid request");
        }
        final FakeSymbol symbol = symbols.get(position.get("symbol").asText());
        final BigDecimal volume = decimal(position, "volume").min(decimal(by, "volume"));
        final long orderTicket = nextTicket++;
        for (final ObjectNode closing : List.of(position, by))
        {
            final long ticket = closing.get("ticket").asLong();
            final BigDecimal left = decimal(closing, "volume").subtract(volume);
            closing.put("volume", left);
            if (left.signum() == 0)
            {
                positions.remove(ticket);
            }
            final ObjectNode deal = mapper.createObjectNode()
                .put("ticket", nextTicket++).put("order", orderTicket).put("position_id", ticket).put("symbol", symbol.name)
                .put("type", isBuy(closing) ? "DEAL_TYPE_SELL" : "DEAL_TYPE_BUY").put("entry", "DEAL_ENTRY_OUT_BY")
                .put("reason", "DEAL_REASON_EXPERT").put("volume", volume).put("price", decimal(closing, "price_open"))
                .put("commission", BigDecimal.ZERO).put("swap", BigDecimal.ZERO).put("profit", BigDecimal.ZERO)
                .put("magic", request.path("magic").asLong(0)).put("comment", request.path("comment").asText(""))
                .put("time_msc", clockMs.getAsLong());
            deals.add(deal);
            final ObjectNode transaction = transaction("TRADE_TRANSACTION_DEAL_ADD", orderTicket, deal.get("ticket").asLong(), symbol.name, "");
            transaction.set("deal_info", deal.deepCopy());
            outcome.events.add(transaction);
            final ObjectNode snapshot = positionSnapshot(ticket, closing);
            outcome.positions.add(snapshot);
            outcome.events.add(mapper.createObjectNode().put("event", "position").set("position", snapshot.deepCopy()));
        }
        result(outcome, DONE, "Request executed").put("order", orderTicket).put("volume", volume);
        return outcome;
    }

    /**
     * Set a quote and execute the pending orders it triggers.
     *
     * @param name symbol.
     * @param bid  new bid.
     * @param ask  new ask.
     * @return the events caused (quote first, then fills).
     */
    List<ObjectNode> quote(final String name, final BigDecimal bid, final BigDecimal ask)
    {
        final FakeSymbol symbol = symbols.get(name);
        symbol.bid = bid;
        symbol.ask = ask;
        final Outcome outcome = new Outcome(mapper.createObjectNode(), mapper.createArrayNode());
        outcome.events.add(mapper.createObjectNode().put("event", "quote").put("symbol", name).put("bid", bid).put("ask", ask)
            .put("last", BigDecimal.ZERO).put("time_msc", clockMs.getAsLong()));
        for (final ObjectNode order : new ArrayList<>(pendingOrders.values()))
        {
            if (!order.get("symbol").asText().equals(name))
            {
                continue;
            }
            final String type = order.get("type").asText();
            final boolean buy = type.startsWith("ORDER_TYPE_BUY");
            final BigDecimal price = decimal(order, "price_open");
            final boolean triggered;
            final BigDecimal fillPrice;
            if (type.endsWith("_LIMIT") && !type.contains("STOP"))
            {
                triggered = buy ? ask.compareTo(price) <= 0 : bid.compareTo(price) >= 0;
                fillPrice = price;
            }
            else
            {
                triggered = buy ? ask.compareTo(price) >= 0 : bid.compareTo(price) <= 0;
                fillPrice = buy ? ask : bid;
            }
            if (triggered)
            {
                pendingOrders.remove(order.get("ticket").asLong());
                fill(symbol, buy, decimal(order, "volume_initial"), fillPrice, 0, order.get("ticket").asLong(),
                    order.get("magic").asLong(), order.get("comment").asText(), decimal(order, "sl"), decimal(order, "tp"),
                    "DEAL_REASON_EXPERT", outcome);
                order.put("volume_current", BigDecimal.ZERO);
                toHistory(order, "ORDER_STATE_FILLED", outcome);
            }
        }
        return outcome.events;
    }

    /**
     * Close a position as if its stop-loss triggered.
     *
     * @param ticket position ticket.
     * @return the events caused.
     */
    List<ObjectNode> hitStopLoss(final long ticket)
    {
        final ObjectNode position = positions.get(ticket);
        final FakeSymbol symbol = symbols.get(position.get("symbol").asText());
        final boolean buy = isBuy(position);
        final Outcome outcome = new Outcome(mapper.createObjectNode(), mapper.createArrayNode());
        final long orderTicket = nextTicket++;
        final BigDecimal price = decimal(position, "sl").signum() != 0 ? decimal(position, "sl") : buy ? symbol.bid : symbol.ask;
        fill(symbol, !buy, decimal(position, "volume"), price, ticket, orderTicket, position.get("magic").asLong(),
            "[sl " + price.toPlainString() + "]", BigDecimal.ZERO, BigDecimal.ZERO, "DEAL_REASON_SL", outcome);
        return outcome.events;
    }

    ArrayNode positionsJson()
    {
        final ArrayNode list = mapper.createArrayNode();
        positions.forEach((ticket, position) -> list.add(positionSnapshot(ticket, position)));
        return list;
    }

    ArrayNode pendingJson()
    {
        final ArrayNode list = mapper.createArrayNode();
        pendingOrders.values().forEach((order) -> list.add(order.deepCopy()));
        return list;
    }

    ArrayNode dealsJson(final long fromMsc, final long magic)
    {
        final ArrayNode list = mapper.createArrayNode();
        deals.stream()
            .filter((d) -> d.get("time_msc").asLong() >= fromMsc && (magic == 0 || d.get("magic").asLong() == magic))
            .forEach((d) -> list.add(d.deepCopy()));
        return list;
    }

    ArrayNode historyOrdersJson(final long fromMsc, final long magic)
    {
        final ArrayNode list = mapper.createArrayNode();
        historyOrders.stream()
            .filter((o) -> o.get("time_setup_msc").asLong() >= fromMsc && (magic == 0 || o.get("magic").asLong() == magic))
            .forEach((o) -> list.add(o.deepCopy()));
        return list;
    }

    private void toHistory(final ObjectNode order, final String state, final Outcome outcome)
    {
        order.put("state", state).put("time_done_msc", clockMs.getAsLong());
        historyOrders.add(order);
        outcome.events.add(transaction("TRADE_TRANSACTION_HISTORY_ADD", order.get("ticket").asLong(), 0,
            order.get("symbol").asText(), state));
    }

    private ObjectNode order(
        final long ticket, final String symbol, final String type, final BigDecimal volume, final BigDecimal price, final long magic,
        final String comment)
    {
        return mapper.createObjectNode()
            .put("ticket", ticket).put("symbol", symbol).put("type", type).put("volume_initial", volume)
            .put("volume_current", volume).put("price_open", price).put("magic", magic).put("comment", comment)
            .put("time_setup_msc", clockMs.getAsLong());
    }

    private ObjectNode positionSnapshot(final long ticket, final ObjectNode position)
    {
        if (!positions.containsKey(ticket))
        {
            return mapper.createObjectNode().put("ticket", ticket).put("symbol", position.get("symbol").asText()).put("closed", true);
        }
        return position.deepCopy();
    }

    private ObjectNode transaction(final String type, final long order, final long deal, final String symbol, final String orderState)
    {
        final ObjectNode event = mapper.createObjectNode().put("event", "trade_transaction");
        event.putObject("transaction")
            .put("deal", deal).put("order", order).put("symbol", symbol).put("type", type).put("order_state", orderState);
        return event;
    }

    private Outcome answer(final Outcome outcome, final int retcode, final String comment)
    {
        result(outcome, retcode, comment);
        return outcome;
    }

    private static ObjectNode result(final Outcome outcome, final int retcode, final String comment)
    {
        return outcome.result.put("retcode", retcode).put("comment", comment);
    }

    private static boolean validVolume(final FakeSymbol symbol, final BigDecimal volume)
    {
        return volume.compareTo(symbol.volumeMin) >= 0 && volume.compareTo(symbol.volumeMax) <= 0 &&
            volume.remainder(symbol.volumeStep).signum() == 0;
    }

    private static boolean fillingAllowed(final FakeSymbol symbol, final String filling)
    {
        switch (filling)
        {
            case "ORDER_FILLING_FOK":
                return (symbol.fillingMode & 1) != 0;
            case "ORDER_FILLING_IOC":
                return (symbol.fillingMode & 2) != 0;
            default:
                return true;
        }
    }

    static boolean isBuy(final JsonNode position)
    {
        return "POSITION_TYPE_BUY".equals(position.get("type").asText());
    }

    static BigDecimal decimal(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? BigDecimal.ZERO : value.decimalValue();
    }
}
