package io.sluice.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.AsciiField;
import io.sluice.gateway.ReportPublisher;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.AccountUpdateEncoder;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Balances and (futures) positions of the Binance account, kept from account snapshots and pushed account events,
 * published to the engine as AccountUpdate per asset. Agent thread only.
 * <ul>
 * <li>Spot {@code outboundAccountPosition}: balance = free + locked, marginAvailable = free, marginUsed = locked.</li>
 * <li>Futures {@code GET /fapi/v3/account}: balance = walletBalance, equity = marginBalance, marginAvailable =
 *     availableBalance, marginUsed = initialMargin.</li>
 * <li>Futures {@code ACCOUNT_UPDATE}: balance = {@code wb}, equity = {@code wb} + the unrealized P&amp;L of the
 *     positions margined in that asset; margin figures come with the next snapshot, which the event triggers.</li>
 * </ul>
 */
final class AccountBook
{
    private final AsciiField account = new AsciiField(AccountUpdateEncoder.accountLength());
    private final AsciiField currency = new AsciiField(AccountUpdateEncoder.currencyLength());
    private final Map<String, Long> walletBalances = new HashMap<>();
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private ReportPublisher publisher;

    /** One futures position, per symbol and position side. */
    static final class Position
    {
        final String symbol;
        final String positionSide;
        long amount;
        long entryPrice;
        long unrealizedPnl;
        String marginAsset = "USDT";

        Position(final String symbol, final String positionSide)
        {
            this.symbol = symbol;
            this.positionSide = positionSide;
        }

        public String toString()
        {
            return symbol + "/" + positionSide + " " + Fixed.toString(amount) + "@" + Fixed.toString(entryPrice);
        }
    }

    AccountBook(final String accountName)
    {
        account.set(accountName);
    }

    void publisher(final ReportPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * Spot {@code outboundAccountPosition}.
     *
     * @param event the event.
     * @param nowNs time now.
     */
    void onSpotAccountPosition(final JsonNode event, final long nowNs)
    {
        for (final JsonNode balance : event.path("B"))
        {
            final long free = Decimals.parseOr(balance.path("f").asText(""), 0);
            final long locked = Decimals.parseOr(balance.path("l").asText(""), 0);
            publish(balance.path("a").asText(""), free + locked, Fixed.NULL, free, locked, nowNs);
        }
    }

    /**
     * Futures {@code GET /fapi/v3/account} snapshot.
     *
     * @param snapshot the body.
     * @param nowNs    time now.
     */
    void onFuturesSnapshot(final JsonNode snapshot, final long nowNs)
    {
        for (final JsonNode position : snapshot.path("positions"))
        {
            final Position p = position(position.path("symbol").asText(""), position.path("positionSide").asText("BOTH"));
            p.amount = Decimals.parseOr(position.path("positionAmt").asText(""), 0);
            p.unrealizedPnl = Decimals.parseOr(position.path("unrealizedProfit").asText(""), 0);
            if (position.has("entryPrice"))
            {
                p.entryPrice = Decimals.parseOr(position.path("entryPrice").asText(""), 0);
            }
        }
        for (final JsonNode asset : snapshot.path("assets"))
        {
            final String name = asset.path("asset").asText("");
            final long wallet = Decimals.parseOr(asset.path("walletBalance").asText(""), 0);
            walletBalances.put(name, wallet);
            publish(
                name,
                wallet,
                Decimals.parseOr(asset.path("marginBalance").asText(""), Fixed.NULL),
                Decimals.parseOr(asset.path("availableBalance").asText(""), Fixed.NULL),
                Decimals.parseOr(asset.path("initialMargin").asText(""), Fixed.NULL),
                nowNs);
        }
    }

    /**
     * Futures {@code ACCOUNT_UPDATE}: positions first, then each changed balance.
     *
     * @param event the event.
     * @param nowNs time now.
     */
    void onFuturesAccountUpdate(final JsonNode event, final long nowNs)
    {
        final JsonNode data = event.path("a");
        for (final JsonNode position : data.path("P"))
        {
            final Position p = position(position.path("s").asText(""), position.path("ps").asText("BOTH"));
            p.amount = Decimals.parseOr(position.path("pa").asText(""), 0);
            p.entryPrice = Decimals.parseOr(position.path("ep").asText(""), 0);
            p.unrealizedPnl = Decimals.parseOr(position.path("up").asText(""), 0);
            if (position.has("ma"))
            {
                p.marginAsset = position.path("ma").asText("USDT");
            }
        }
        for (final JsonNode balance : data.path("B"))
        {
            final String name = balance.path("a").asText("");
            final long wallet = Decimals.parseOr(balance.path("wb").asText(""), 0);
            walletBalances.put(name, wallet);
            long unrealized = 0;
            for (final Position p : positions.values())
            {
                if (p.marginAsset.equals(name))
                {
                    unrealized += p.unrealizedPnl;
                }
            }
            publish(name, wallet, wallet + unrealized, Fixed.NULL, Fixed.NULL, nowNs);
        }
    }

    private Position position(final String symbol, final String side)
    {
        return positions.computeIfAbsent(symbol + "/" + side, (key) -> new Position(symbol, side));
    }

    private void publish(
        final String asset, final long balance, final long equity, final long available, final long used, final long nowNs)
    {
        if (asset.isEmpty() || publisher == null)
        {
            return;
        }
        currency.set(asset);
        publisher.accountUpdate(account, currency, balance, equity, available, used, nowNs);
    }

    /**
     * A futures position as last reported (tests, diagnostics).
     *
     * @param symbol       symbol.
     * @param positionSide BOTH, LONG or SHORT.
     * @return the position, or null when never reported.
     */
    Position findPosition(final String symbol, final String positionSide)
    {
        return positions.get(symbol + "/" + positionSide);
    }
}
