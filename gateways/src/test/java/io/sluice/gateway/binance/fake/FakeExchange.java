package io.sluice.gateway.binance.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fake venue's matching state for one account: symbols with their filters, spot and futures orders, trades,
 * futures positions and balances. Orders rest until a test fills them (MARKET orders fill at once at the symbol's
 * market price). Every change produces the user-data events Binance documents. Thread safe (synchronized).
 */
final class FakeExchange
{
    private static final Pattern SPOT_CLIENT_ID = Pattern.compile("^[a-zA-Z0-9-_]{1,36}$");
    private static final Pattern FUTURES_CLIENT_ID = Pattern.compile("^[\\.A-Z\\:/a-z0-9_-]{1,36}$");
    private static final BigDecimal SPOT_FEE = new BigDecimal("0.001");
    private static final BigDecimal FUTURES_FEE = new BigDecimal("0.0004");

    /** Filters of one symbol. */
    record Symbol(
        String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize, BigDecimal minPrice, BigDecimal maxPrice,
        BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty, BigDecimal minNotional)
    {
    }

    private final FakeBinance venue;
    private final Map<String, Symbol> spotSymbols = new LinkedHashMap<>();
    private final Map<String, Symbol> futuresSymbols = new LinkedHashMap<>();
    private final Map<String, BigDecimal> marketPrices = new HashMap<>();
    private final List<FakeOrder> orders = new ArrayList<>();
    private final Map<String, BigDecimal> spotBalances = new LinkedHashMap<>();
    private final Map<String, BigDecimal> positions = new LinkedHashMap<>();
    private final Map<String, BigDecimal> entryPrices = new HashMap<>();
    private final Map<String, Integer> leverage = new HashMap<>();
    private final Map<String, String> marginType = new HashMap<>();
    private BigDecimal futuresWallet = new BigDecimal("10000");
    private boolean hedgeMode;
    private long nextOrderId = 1000;
    private long nextTradeId = 500;
    private int placeRequests;
    private String listenKey;

    FakeExchange(final FakeBinance venue)
    {
        this.venue = venue;
        symbol(false, "BTCUSDT", "BTC", "USDT", "0.01", "0.01", "1000000", "0.00001", "0.00001", "9000", "5");
        symbol(false, "ETHUSDT", "ETH", "USDT", "0.01", "0.01", "1000000", "0.0001", "0.0001", "9000", "5");
        symbol(true, "BTCUSDT", "BTC", "USDT", "0.10", "0.10", "1000000", "0.001", "0.001", "1000", "100");
        symbol(true, "ETHUSDT", "ETH", "USDT", "0.01", "0.01", "1000000", "0.001", "0.001", "10000", "20");
        marketPrices.put("BTCUSDT", new BigDecimal("50000"));
        marketPrices.put("ETHUSDT", new BigDecimal("3000"));
        spotBalances.put("USDT", new BigDecimal("100000"));
        spotBalances.put("BTC", new BigDecimal("1"));
    }

    synchronized void symbol(
        final boolean futures, final String symbol, final String base, final String quote, final String tick,
        final String minPrice, final String maxPrice, final String step, final String minQty, final String maxQty,
        final String minNotional)
    {
        (futures ? futuresSymbols : spotSymbols).put(symbol, new Symbol(symbol, base, quote, new BigDecimal(tick),
            new BigDecimal(minPrice), new BigDecimal(maxPrice), new BigDecimal(step), new BigDecimal(minQty),
            new BigDecimal(maxQty), new BigDecimal(minNotional)));
    }

    synchronized void marketPrice(final String symbol, final BigDecimal price)
    {
        marketPrices.put(symbol, price);
    }

    // ----- requests -----

    synchronized FakeResponse handle(final String op, final boolean futures, final Map<String, String> params, final long nowMs)
    {
        switch (op)
        {
            case "time":
                return FakeResponse.ok(FakeBinance.JSON.createObjectNode().put("serverTime", nowMs));
            case "exchangeInfo":
                return exchangeInfo(futures, params, nowMs);
            case "order.place":
                return place(futures, params, nowMs);
            case "order.cancel":
                return cancel(futures, params, nowMs);
            case "order.status":
                return status(futures, params);
            case "openOrders.status":
                return openOrders(futures, params);
            case "account.status":
                return futures ? futuresAccount() : spotAccount();
            case "positionSide.dual":
                hedgeMode = Boolean.parseBoolean(params.get("dualSidePosition"));
                return FakeResponse.ok(FakeBinance.JSON.createObjectNode().put("code", 200).put("msg", "success"));
            case "leverage":
                leverage.put(params.get("symbol"), Integer.parseInt(params.get("leverage")));
                return FakeResponse.ok(FakeBinance.JSON.createObjectNode()
                    .put("leverage", Integer.parseInt(params.get("leverage"))).put("symbol", params.get("symbol")));
            case "marginType":
                if (params.get("marginType").equals(marginType.getOrDefault(params.get("symbol"), "CROSSED")))
                {
                    return FakeResponse.error(400, -4046, "No need to change margin type.");
                }
                marginType.put(params.get("symbol"), params.get("marginType"));
                return FakeResponse.ok(FakeBinance.JSON.createObjectNode().put("code", 200).put("msg", "success"));
            case "listenKey.create":
                if (listenKey == null)
                {
                    listenKey = "fakeListenKey" + Long.toHexString(nowMs) + nextOrderId;
                }
                return FakeResponse.ok(FakeBinance.JSON.createObjectNode().put("listenKey", listenKey));
            case "listenKey.keepalive":
                return listenKey == null ? FakeResponse.error(400, -1125, "This listenKey does not exist.") :
                    FakeResponse.ok(FakeBinance.JSON.createObjectNode().put("listenKey", listenKey));
            case "listenKey.close":
                listenKey = null;
                return FakeResponse.ok(FakeBinance.JSON.createObjectNode());
            default:
                return FakeResponse.error(400, -1000, "Unknown operation " + op);
        }
    }

    private FakeResponse exchangeInfo(final boolean futures, final Map<String, String> params, final long nowMs)
    {
        final ObjectNode body = FakeBinance.JSON.createObjectNode().put("timezone", "UTC").put("serverTime", nowMs);
        final ArrayNode limits = body.putArray("rateLimits");
        limits.addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1)
            .put("limit", venue.limiter().weightLimit());
        limits.addObject().put("rateLimitType", "ORDERS").put("interval", "SECOND").put("intervalNum", 10)
            .put("limit", venue.limiter().orderLimit10s());
        limits.addObject().put("rateLimitType", "ORDERS").put("interval", "DAY").put("intervalNum", 1)
            .put("limit", venue.limiter().orderLimitDay());
        final String wanted = params.getOrDefault("symbols", params.getOrDefault("symbol", ""));
        final ArrayNode symbols = body.putArray("symbols");
        for (final Symbol symbol : (futures ? futuresSymbols : spotSymbols).values())
        {
            if (!wanted.isEmpty() && !wanted.contains("\"" + symbol.symbol() + "\"") && !wanted.equals(symbol.symbol()))
            {
                continue;
            }
            final ObjectNode s = symbols.addObject()
                .put("symbol", symbol.symbol()).put("status", "TRADING")
                .put("baseAsset", symbol.baseAsset()).put("quoteAsset", symbol.quoteAsset());
            final ArrayNode filters = s.putArray("filters");
            filters.addObject().put("filterType", "PRICE_FILTER").put("minPrice", plain(symbol.minPrice()))
                .put("maxPrice", plain(symbol.maxPrice())).put("tickSize", plain(symbol.tickSize()));
            filters.addObject().put("filterType", "LOT_SIZE").put("minQty", plain(symbol.minQty()))
                .put("maxQty", plain(symbol.maxQty())).put("stepSize", plain(symbol.stepSize()));
            filters.addObject().put("filterType", "MARKET_LOT_SIZE").put("minQty", plain(symbol.minQty()))
                .put("maxQty", plain(symbol.maxQty())).put("stepSize", plain(symbol.stepSize()));
            if (futures)
            {
                filters.addObject().put("filterType", "MIN_NOTIONAL").put("notional", plain(symbol.minNotional()));
            }
            else
            {
                filters.addObject().put("filterType", "NOTIONAL").put("minNotional", plain(symbol.minNotional()))
                    .put("applyMinToMarket", true).put("maxNotional", "9000000").put("applyMaxToMarket", false)
                    .put("avgPriceMins", 5);
            }
        }
        if (!wanted.isEmpty() && symbols.isEmpty())
        {
            return FakeResponse.error(400, -1121, "Invalid symbol.");
        }
        return FakeResponse.ok(body);
    }

    private FakeResponse place(final boolean futures, final Map<String, String> params, final long nowMs)
    {
        placeRequests++;
        final String symbolName = params.get("symbol");
        if (symbolName == null || params.get("side") == null || params.get("type") == null || params.get("quantity") == null)
        {
            return FakeResponse.error(400, -1102, "Mandatory parameter was not sent, was empty/null, or malformed.");
        }
        final Symbol symbol = (futures ? futuresSymbols : spotSymbols).get(symbolName);
        if (symbol == null)
        {
            return FakeResponse.error(400, -1121, "Invalid symbol.");
        }
        final String side = params.get("side");
        if (!"BUY".equals(side) && !"SELL".equals(side))
        {
            return FakeResponse.error(400, -1117, "Invalid side.");
        }
        final String type = params.get("type");
        final boolean limit = "LIMIT".equals(type) || "STOP_LOSS_LIMIT".equals(type) || ("STOP".equals(type) && futures);
        final boolean stop = "STOP_LOSS".equals(type) || "STOP_LOSS_LIMIT".equals(type) || "STOP".equals(type) ||
            "STOP_MARKET".equals(type);
        if (!"MARKET".equals(type) && !limit && !stop)
        {
            return FakeResponse.error(400, -1116, "Invalid orderType.");
        }
        if (limit && (params.get("price") == null || params.get("timeInForce") == null))
        {
            return FakeResponse.error(400, -1102, "Mandatory parameter 'price' or 'timeInForce' was not sent.");
        }
        if (stop && params.get("stopPrice") == null)
        {
            return FakeResponse.error(400, -1102, "Mandatory parameter 'stopPrice' was not sent.");
        }
        final String clientOrderId = params.getOrDefault("newClientOrderId", "x-" + (nextOrderId + 1));
        if (!(futures ? FUTURES_CLIENT_ID : SPOT_CLIENT_ID).matcher(clientOrderId).matches())
        {
            return FakeResponse.error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '" +
                (futures ? FUTURES_CLIENT_ID : SPOT_CLIENT_ID).pattern() + "'.");
        }
        for (final FakeOrder order : orders)
        {
            if (order.futures == futures && order.isOpen() && order.clientOrderId.equals(clientOrderId))
            {
                return futures ? FakeResponse.error(400, -4116, "ClientOrderId is duplicated.") :
                    FakeResponse.error(400, -2010, "Duplicate order sent.");
            }
        }
        final BigDecimal quantity;
        final BigDecimal price;
        final BigDecimal stopPrice;
        try
        {
            quantity = new BigDecimal(params.get("quantity"));
            price = params.get("price") == null ? null : new BigDecimal(params.get("price"));
            stopPrice = params.get("stopPrice") == null ? null : new BigDecimal(params.get("stopPrice"));
        }
        catch (final NumberFormatException ex)
        {
            return FakeResponse.error(400, -1100, "Illegal characters found in a parameter.");
        }
        final String filter = failedFilter(symbol, limit ? price : null, stopPrice, quantity,
            "MARKET".equals(type) ? marketPrices.get(symbolName) : price);
        if (filter != null)
        {
            return FakeResponse.error(400, -1013, "Filter failure: " + filter);
        }
        String positionSide = params.getOrDefault("positionSide", "BOTH");
        final boolean reduceOnly = "true".equalsIgnoreCase(params.get("reduceOnly"));
        if (futures)
        {
            final FakeResponse refused = checkFuturesSide(symbolName, side, positionSide, reduceOnly, quantity);
            if (refused != null)
            {
                return refused;
            }
        }
        else
        {
            positionSide = "BOTH";
        }
        final FakeOrder order = new FakeOrder(futures, ++nextOrderId, symbolName, clientOrderId, side, type,
            params.get("timeInForce"), quantity, price, stopPrice, positionSide, reduceOnly, nowMs);
        orders.add(order);
        final FakeResponse response = FakeResponse.ok(placeResult(order, params.getOrDefault("newOrderRespType", "ACK")));
        response.countedOrder = true;
        response.futuresEvents = futures;
        response.userEvents.add(orderEvent(order, "NEW", null, null, null, null, nowMs));
        if ("MARKET".equals(type))
        {
            trade(order, quantity, marketPrices.get(symbolName), nowMs, response.userEvents);
        }
        return response;
    }

    private FakeResponse checkFuturesSide(
        final String symbol, final String side, final String positionSide, final boolean reduceOnly, final BigDecimal quantity)
    {
        if (hedgeMode)
        {
            if (!"LONG".equals(positionSide) && !"SHORT".equals(positionSide))
            {
                return FakeResponse.error(400, -4061, "Order's position side does not match user's setting.");
            }
            if (reduceOnly)
            {
                return FakeResponse.error(400, -1106, "Parameter 'reduceOnly' sent when not required.");
            }
            final boolean closing = ("LONG".equals(positionSide) && "SELL".equals(side)) ||
                ("SHORT".equals(positionSide) && "BUY".equals(side));
            if (closing && quantity.compareTo(position(symbol, positionSide).abs()) > 0)
            {
                return FakeResponse.error(400, -2022, "ReduceOnly Order is rejected.");
            }
            return null;
        }
        if (!"BOTH".equals(positionSide))
        {
            return FakeResponse.error(400, -4061, "Order's position side does not match user's setting.");
        }
        if (reduceOnly)
        {
            final BigDecimal amount = position(symbol, "BOTH");
            final boolean reduces = ("SELL".equals(side) && amount.signum() > 0) || ("BUY".equals(side) && amount.signum() < 0);
            if (!reduces || quantity.compareTo(amount.abs()) > 0)
            {
                return FakeResponse.error(400, -2022, "ReduceOnly Order is rejected.");
            }
        }
        return null;
    }

    private static String failedFilter(
        final Symbol symbol, final BigDecimal price, final BigDecimal stopPrice, final BigDecimal quantity, final BigDecimal valuation)
    {
        for (final BigDecimal p : new BigDecimal[]{price, stopPrice})
        {
            if (p != null && (p.compareTo(symbol.minPrice()) < 0 || p.compareTo(symbol.maxPrice()) > 0 ||
                p.subtract(symbol.minPrice()).remainder(symbol.tickSize()).signum() != 0))
            {
                return "PRICE_FILTER";
            }
        }
        if (quantity.compareTo(symbol.minQty()) < 0 || quantity.compareTo(symbol.maxQty()) > 0 ||
            quantity.subtract(symbol.minQty()).remainder(symbol.stepSize()).signum() != 0)
        {
            return "LOT_SIZE";
        }
        if (valuation != null && valuation.multiply(quantity).compareTo(symbol.minNotional()) < 0)
        {
            return "NOTIONAL";
        }
        return null;
    }

    private ObjectNode placeResult(final FakeOrder order, final String respType)
    {
        final ObjectNode result = FakeBinance.JSON.createObjectNode()
            .put("symbol", order.symbol).put("orderId", order.orderId).put("orderListId", -1)
            .put("clientOrderId", order.clientOrderId).put("transactTime", order.time);
        if (order.futures || !"ACK".equals(respType))
        {
            statusFields(order, result);
        }
        return result;
    }

    private FakeResponse cancel(final boolean futures, final Map<String, String> params, final long nowMs)
    {
        final FakeOrder order = find(futures, params);
        if (order == null || !order.isOpen())
        {
            return FakeResponse.error(400, -2011, "Unknown order sent.");
        }
        order.status = "CANCELED";
        order.updateTime = nowMs;
        final ObjectNode result = statusFields(order, FakeBinance.JSON.createObjectNode());
        if (!futures)
        {
            result.put("origClientOrderId", order.clientOrderId).put("clientOrderId", "cancel" + nowMs);
        }
        final FakeResponse response = FakeResponse.ok(result);
        response.futuresEvents = futures;
        response.userEvents.add(orderEvent(order, "CANCELED", null, null, null, null, nowMs));
        return response;
    }

    private FakeResponse status(final boolean futures, final Map<String, String> params)
    {
        final FakeOrder order = find(futures, params);
        if (order == null)
        {
            return FakeResponse.error(400, -2013, "Order does not exist.");
        }
        return FakeResponse.ok(statusFields(order, FakeBinance.JSON.createObjectNode()));
    }

    private FakeResponse openOrders(final boolean futures, final Map<String, String> params)
    {
        final ArrayNode result = FakeBinance.JSON.createArrayNode();
        for (final FakeOrder order : orders)
        {
            if (order.futures == futures && order.isOpen() &&
                (params.get("symbol") == null || params.get("symbol").equals(order.symbol)))
            {
                statusFields(order, result.addObject());
            }
        }
        return FakeResponse.ok(result);
    }

    private FakeResponse spotAccount()
    {
        final ObjectNode body = FakeBinance.JSON.createObjectNode().put("canTrade", true).put("accountType", "SPOT");
        final ArrayNode balances = body.putArray("balances");
        spotBalances.forEach((asset, free) -> balances.addObject().put("asset", asset).put("free", plain(free)).put("locked", "0"));
        return FakeResponse.ok(body);
    }

    private FakeResponse futuresAccount()
    {
        final ObjectNode body = FakeBinance.JSON.createObjectNode();
        BigDecimal initialMargin = BigDecimal.ZERO;
        final ArrayNode positionNodes = body.putArray("positions");
        for (final Map.Entry<String, BigDecimal> position : positions.entrySet())
        {
            final String[] key = position.getKey().split("/");
            final BigDecimal notional = position.getValue().abs().multiply(entryPrices.getOrDefault(position.getKey(), BigDecimal.ZERO));
            final BigDecimal margin = notional.divide(BigDecimal.valueOf(leverage.getOrDefault(key[0], 20)), 8, RoundingMode.HALF_UP);
            initialMargin = initialMargin.add(margin);
            positionNodes.addObject().put("symbol", key[0]).put("positionSide", key[1])
                .put("positionAmt", plain(position.getValue())).put("unrealizedProfit", "0")
                .put("entryPrice", plain(entryPrices.getOrDefault(position.getKey(), BigDecimal.ZERO)))
                .put("initialMargin", plain(margin)).put("notional", plain(notional));
        }
        body.put("totalWalletBalance", plain(futuresWallet)).put("totalInitialMargin", plain(initialMargin))
            .put("availableBalance", plain(futuresWallet.subtract(initialMargin)));
        body.putArray("assets").addObject().put("asset", "USDT").put("walletBalance", plain(futuresWallet))
            .put("unrealizedProfit", "0").put("marginBalance", plain(futuresWallet))
            .put("availableBalance", plain(futuresWallet.subtract(initialMargin))).put("initialMargin", plain(initialMargin));
        return FakeResponse.ok(body);
    }

    private FakeOrder find(final boolean futures, final Map<String, String> params)
    {
        final String clientOrderId = params.get("origClientOrderId");
        final String orderId = params.get("orderId");
        FakeOrder found = null;
        for (final FakeOrder order : orders)
        {
            if (order.futures == futures && order.symbol.equals(params.get("symbol")) &&
                ((clientOrderId != null && order.clientOrderId.equals(clientOrderId)) ||
                (orderId != null && Long.toString(order.orderId).equals(orderId))))
            {
                found = order;
            }
        }
        return found;
    }

    private static ObjectNode statusFields(final FakeOrder order, final ObjectNode node)
    {
        node.put("symbol", order.symbol).put("orderId", order.orderId).put("clientOrderId", order.clientOrderId)
            .put("price", order.price == null ? "0" : plain(order.price)).put("origQty", plain(order.origQty))
            .put("executedQty", plain(order.executedQty)).put("status", order.status)
            .put("timeInForce", order.timeInForce == null ? "GTC" : order.timeInForce).put("type", order.type)
            .put("side", order.side).put("stopPrice", order.stopPrice == null ? "0" : plain(order.stopPrice))
            .put("time", order.time).put("updateTime", order.updateTime);
        if (order.futures)
        {
            node.put("cumQuote", plain(order.cumQuote)).put("avgPrice", plain(average(order)))
                .put("positionSide", order.positionSide).put("reduceOnly", order.reduceOnly);
        }
        else
        {
            node.put("cummulativeQuoteQty", plain(order.cumQuote)).put("isWorking", true);
        }
        return node;
    }

    // ----- test-driven trading -----

    synchronized List<ObjectNode> fill(final String clientOrderId, final BigDecimal quantity, final BigDecimal price, final long nowMs)
    {
        final FakeOrder order = openOrder(clientOrderId);
        if (quantity.compareTo(order.origQty.subtract(order.executedQty)) > 0)
        {
            throw new IllegalArgumentException("fill of " + quantity + " exceeds what is left of " + order);
        }
        final List<ObjectNode> events = new ArrayList<>();
        trade(order, quantity, price, nowMs, events);
        return events;
    }

    synchronized List<ObjectNode> expire(final String clientOrderId, final long nowMs)
    {
        final FakeOrder order = openOrder(clientOrderId);
        order.status = "EXPIRED";
        order.updateTime = nowMs;
        final List<ObjectNode> events = new ArrayList<>();
        events.add(orderEvent(order, "EXPIRED", null, null, null, null, nowMs));
        return events;
    }

    private FakeOrder openOrder(final String clientOrderId)
    {
        for (final FakeOrder order : orders)
        {
            if (order.clientOrderId.equals(clientOrderId) && order.isOpen())
            {
                return order;
            }
        }
        throw new IllegalArgumentException("no open order " + clientOrderId + " at the fake venue: " + orders);
    }

    private void trade(
        final FakeOrder order, final BigDecimal quantity, final BigDecimal price, final long nowMs, final List<ObjectNode> events)
    {
        order.executedQty = order.executedQty.add(quantity);
        order.cumQuote = order.cumQuote.add(quantity.multiply(price));
        order.status = order.executedQty.compareTo(order.origQty) >= 0 ? "FILLED" : "PARTIALLY_FILLED";
        order.updateTime = nowMs;
        final long tradeId = ++nextTradeId;
        final BigDecimal commission = quantity.multiply(price).multiply(order.futures ? FUTURES_FEE : SPOT_FEE).stripTrailingZeros();
        events.add(orderEvent(order, "TRADE", quantity, price, commission, tradeId, nowMs));
        if (order.futures)
        {
            final String key = order.symbol + "/" + order.positionSide;
            final BigDecimal signed = "BUY".equals(order.side) ? quantity : quantity.negate();
            final BigDecimal before = positions.getOrDefault(key, BigDecimal.ZERO);
            final BigDecimal after = before.add(signed);
            if (before.signum() == 0 || before.signum() == signed.signum())
            {
                final BigDecimal cost = before.abs().multiply(entryPrices.getOrDefault(key, BigDecimal.ZERO)).add(quantity.multiply(price));
                entryPrices.put(key, after.signum() == 0 ? BigDecimal.ZERO : cost.divide(after.abs(), 8, RoundingMode.HALF_UP));
            }
            else if (after.signum() == 0)
            {
                entryPrices.put(key, BigDecimal.ZERO);
            }
            positions.put(key, after);
            futuresWallet = futuresWallet.subtract(commission);
            events.add(accountUpdate(order.symbol, order.positionSide, nowMs));
        }
        else
        {
            final Symbol symbol = spotSymbols.get(order.symbol);
            final BigDecimal quote = quantity.multiply(price);
            final boolean buy = "BUY".equals(order.side);
            spotBalances.merge(symbol.baseAsset(), buy ? quantity : quantity.negate(), BigDecimal::add);
            spotBalances.merge(symbol.quoteAsset(), (buy ? quote.negate() : quote).subtract(commission), BigDecimal::add);
            final ObjectNode account = FakeBinance.JSON.createObjectNode()
                .put("e", "outboundAccountPosition").put("E", nowMs).put("u", nowMs);
            final ArrayNode balances = account.putArray("B");
            for (final String asset : new String[]{symbol.baseAsset(), symbol.quoteAsset()})
            {
                balances.addObject().put("a", asset).put("f", plain(spotBalances.get(asset))).put("l", "0.00000000");
            }
            events.add(account);
        }
    }

    private ObjectNode accountUpdate(final String symbol, final String positionSide, final long nowMs)
    {
        final String key = symbol + "/" + positionSide;
        final ObjectNode event = FakeBinance.JSON.createObjectNode().put("e", "ACCOUNT_UPDATE").put("E", nowMs).put("T", nowMs);
        final ObjectNode data = event.putObject("a").put("m", "ORDER");
        data.putArray("B").addObject().put("a", "USDT").put("wb", plain(futuresWallet)).put("cw", plain(futuresWallet))
            .put("bc", "0");
        data.putArray("P").addObject().put("s", symbol).put("pa", plain(positions.get(key)))
            .put("ep", plain(entryPrices.getOrDefault(key, BigDecimal.ZERO))).put("cr", "0").put("up", "0")
            .put("mt", marginType.getOrDefault(symbol, "cross").toLowerCase(java.util.Locale.ROOT)).put("iw", "0")
            .put("ps", positionSide).put("ma", "USDT");
        return event;
    }

    private ObjectNode orderEvent(
        final FakeOrder order, final String execType, final BigDecimal lastQty, final BigDecimal lastPrice,
        final BigDecimal commission, final Long tradeId, final long nowMs)
    {
        if (order.futures)
        {
            final ObjectNode event = FakeBinance.JSON.createObjectNode().put("e", "ORDER_TRADE_UPDATE").put("E", nowMs).put("T", nowMs);
            event.putObject("o").put("s", order.symbol).put("c", order.clientOrderId).put("S", order.side).put("o", order.type)
                .put("f", order.timeInForce == null ? "GTC" : order.timeInForce).put("q", plain(order.origQty))
                .put("p", order.price == null ? "0" : plain(order.price)).put("ap", plain(average(order)))
                .put("sp", order.stopPrice == null ? "0" : plain(order.stopPrice)).put("x", execType).put("X", order.status)
                .put("i", order.orderId).put("l", lastQty == null ? "0" : plain(lastQty)).put("z", plain(order.executedQty))
                .put("L", lastPrice == null ? "0" : plain(lastPrice)).put("N", commission == null ? null : "USDT")
                .put("n", commission == null ? "0" : plain(commission)).put("T", nowMs).put("t", tradeId == null ? 0 : tradeId)
                .put("R", order.reduceOnly).put("ps", order.positionSide).put("rp", "0");
            return event;
        }
        return FakeBinance.JSON.createObjectNode()
            .put("e", "executionReport").put("E", nowMs).put("s", order.symbol)
            .put("c", "CANCELED".equals(execType) ? "cancel" + nowMs : order.clientOrderId)
            .put("S", order.side).put("o", order.type).put("f", order.timeInForce == null ? "GTC" : order.timeInForce)
            .put("q", plain8(order.origQty)).put("p", plain8(order.price == null ? BigDecimal.ZERO : order.price))
            .put("P", plain8(order.stopPrice == null ? BigDecimal.ZERO : order.stopPrice)).put("F", "0.00000000").put("g", -1)
            .put("C", "CANCELED".equals(execType) ? order.clientOrderId : "").put("x", execType).put("X", order.status)
            .put("r", "NONE").put("i", order.orderId).put("l", plain8(lastQty == null ? BigDecimal.ZERO : lastQty))
            .put("z", plain8(order.executedQty)).put("L", plain8(lastPrice == null ? BigDecimal.ZERO : lastPrice))
            .put("n", commission == null ? "0" : plain8(commission)).put("N", commission == null ? null : "USDT")
            .put("T", nowMs).put("t", tradeId == null ? -1 : tradeId).put("w", order.isOpen()).put("m", false)
            .put("O", order.time).put("Z", plain8(order.cumQuote)).put("Y", plain8(lastQty == null ? BigDecimal.ZERO :
                lastQty.multiply(lastPrice))).put("Q", "0.00000000");
    }

    // ----- inspection -----

    synchronized List<FakeOrder> orders()
    {
        return new ArrayList<>(orders);
    }

    synchronized int placeRequests()
    {
        return placeRequests;
    }

    synchronized boolean hedgeMode()
    {
        return hedgeMode;
    }

    synchronized void hedgeMode(final boolean on)
    {
        hedgeMode = on;
    }

    synchronized BigDecimal position(final String symbol, final String positionSide)
    {
        return positions.getOrDefault(symbol + "/" + positionSide, BigDecimal.ZERO);
    }

    synchronized Integer leverage(final String symbol)
    {
        return leverage.get(symbol);
    }

    synchronized String marginType(final String symbol)
    {
        return marginType.get(symbol);
    }

    synchronized String listenKey()
    {
        return listenKey;
    }

    synchronized void expireListenKey()
    {
        listenKey = null;
    }

    private static BigDecimal average(final FakeOrder order)
    {
        return order.executedQty.signum() == 0 ? BigDecimal.ZERO :
            order.cumQuote.divide(order.executedQty, 8, RoundingMode.DOWN).stripTrailingZeros();
    }

    static String plain(final BigDecimal value)
    {
        return value.stripTrailingZeros().toPlainString();
    }

    static String plain8(final BigDecimal value)
    {
        return value.setScale(Math.max(8, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
