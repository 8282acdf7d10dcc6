package io.sluice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.gateway.india.IndiaHarness;
import io.sluice.gateway.india.OffsetClock;
import io.sluice.gateway.india.fake.FakeBroker;
import io.sluice.gateway.india.fake.FakeOrder;

import static io.sluice.system.SystemHarness.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the Indian brokers' system tests share: the engine account "desk" routed to the broker's venue, the fake
 * masters' NIFTY 21750 CE of 4 January 2024 tradable at any hour, a gateway clock on the masters' trading day
 * (2024-01-01, so the weekly options are live; the engine runs on the system clock), fast polling, an owner-only
 * secrets file, and the place → acknowledged → filled → position flow read back through admin-api.
 */
final class IndiaSystemFlow
{
    /** The option in Sluice's canonical form, as every fake master defines it (lot 50, tick 0.05). */
    static final String CALL = "NIFTY04JAN2421750CE";
    /** Engine and gateway account. */
    static final String ACCOUNT = "desk";

    private IndiaSystemFlow()
    {
    }

    /** A clock on the fake masters' trading day, for the gateway and the fake broker. */
    static OffsetClock brokerDay()
    {
        return new OffsetClock(IndiaHarness.START_NS);
    }

    /**
     * Engine and gateway settings for one broker.
     *
     * @param dir     test directory (home, secrets, instrument snapshots).
     * @param venue   kite, angel, upstox or dhan.
     * @param broker  the running fake.
     * @param secrets content of the secrets file ({@code desk.<name>=value} lines).
     * @return settings for {@link SystemHarness}, to which a test adds the broker's own keys.
     */
    static Map<String, String> settings(final Path dir, final String venue, final FakeBroker broker, final String secrets)
    {
        final Path secretsFile = dir.resolve(venue + "-secrets.properties");
        try
        {
            Files.writeString(secretsFile, secrets);
            Files.setPosixFilePermissions(secretsFile, PosixFilePermissions.fromString("rw-------"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final String prefix = "sluice." + venue + ".";
        final Map<String, String> settings = new HashMap<>();
        settings.put("sluice.home", dir.toString());
        settings.put("sluice.accounts", ACCOUNT);
        settings.put("sluice.account." + ACCOUNT + ".venue", venue);
        settings.put("sluice.account." + ACCOUNT + ".ordersPerSecond", "0");
        settings.put("sluice.instruments", CALL + ",NIFTY");
        settings.put("sluice.instrument." + CALL + ".calendar", "ALWAYS");
        settings.put(prefix + "accounts", ACCOUNT);
        settings.put(prefix + "baseUrl", broker.baseUrl());
        settings.put(prefix + "instrumentsUrl", broker.instrumentsUrl());
        settings.put(prefix + "secretsFile", secretsFile.toString());
        settings.put(prefix + "dataDir", dir.resolve(venue + "-data").toString());
        settings.put(prefix + "pollIntervalMs", "50");
        settings.put(prefix + "resolveIntervalMs", "50");
        settings.put(prefix + "sessionRetryMs", "100");
        settings.put(prefix + "reconcileRetryMs", "100");
        settings.put(prefix + "orderTimeoutMs", "2000");
        settings.put(prefix + "readyTimeoutMs", "10000");
        return settings;
    }

    /**
     * Once the master's rules are in the engine, send a limit buy of one lot of {@link #CALL} and wait until the broker
     * acknowledged it.
     *
     * @param sluice   the topology.
     * @param broker   the fake broker.
     * @param signalId signal id.
     * @param price    limit price.
     * @return the order as the broker booked it.
     */
    static FakeOrder placeAcknowledged(final SystemHarness sluice, final FakeBroker broker, final String signalId, final String price)
    {
        sluice.awaitCondition(() -> sluice.hasInstrumentDefinition(CALL), CALL + " rules from the broker's master journaled");
        sluice.accept("/api/v1/signals", "{\"id\":\"" + signalId + "\",\"account\":\"" + ACCOUNT + "\",\"symbol\":\"" + CALL +
            "\",\"side\":\"buy\",\"qty\":50,\"type\":\"limit\",\"price\":\"" + price + "\"}");
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/" + signalId,
            s -> "ORDERED".equals(s.path("status").asText()) || "REJECTED".equals(s.path("status").asText()), "signal decided");
        assertEquals("ORDERED", signal.path("status").asText(), signal::toString);
        final String id = signal.path("orders").get(0).asText();

        final JsonNode acknowledged = sluice.awaitJson("/api/v1/orders/" + id, o -> "NEW".equals(o.path("status").asText()),
            "order acknowledged by the broker");
        final FakeOrder booked = broker.order(id);
        assertEquals(booked.id, acknowledged.path("venueOrderId").asText());
        assertEquals(id, booked.tag, "the broker's tag is the engine's client order id");
        assertEquals("BUY", booked.side);
        assertEquals(50, booked.quantity);
        assertEquals(0, new BigDecimal(price).compareTo(booked.price));
        assertEquals(1, broker.placeCount(), "one place request");
        return booked;
    }

    /**
     * Wait for the order to be FILLED at an average price and the position to hold it.
     *
     * @param sluice   the topology.
     * @param broker   the fake broker.
     * @param venue    the venue.
     * @param id       client order id.
     * @param avgPrice expected average price.
     */
    static void awaitFilledPosition(
        final SystemHarness sluice, final FakeBroker broker, final String venue, final String id, final String avgPrice)
    {
        final JsonNode filled = sluice.awaitJson("/api/v1/orders/" + id, o -> "FILLED".equals(o.path("status").asText()), "order filled");
        assertDecimal("50", filled.path("cumQty"), "units filled");
        assertDecimal(avgPrice, filled.path("avgPrice"), "average fill price");

        final JsonNode position = sluice.awaitJson("/api/v1/positions", p -> p.path("positions").size() == 1 &&
            p.path("positions").get(0).path("quantity").decimalValue().compareTo(new BigDecimal("50")) == 0, "position 50")
            .path("positions").get(0);
        assertEquals(CALL, position.path("symbol").asText());
        assertEquals(ACCOUNT, position.path("account").asText());
        assertEquals(venue, position.path("venue").asText());
        assertDecimal(avgPrice, position.path("avgPrice"), "position price");
        assertEquals(1, broker.placeCount(), "nothing placed twice");
        assertEquals(List.of(), broker.violations(), "every request followed the broker's protocol");
        assertEquals(List.of(), sluice.gatewayErrors());
    }
}
