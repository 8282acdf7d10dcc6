package io.sluice.system;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.AlertDecoder;
import io.sluice.sbe.AlertType;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Emergency controls and gates through the whole topology: flatten ends flat at the paper venue, the
 * circuit breaker trips on real venue rejects and resumes on command, and NSE-style freeze quantities are
 * sliced into several orders that all fill.
 */
@Timeout(90)
class RiskSystemTest
{
    @TempDir
    Path dir;

    private SystemHarness sluice;

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietClose(sluice);
    }

    @Test
    void shouldCancelOpenOrdersCloseEveryPositionAndReportFlatOnFlatten()
    {
        sluice = new SystemHarness(dir, Map.of());
        sluice.accept("/api/v1/signals", "{\"id\":\"f-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.4\"}");
        sluice.accept("/api/v1/signals", "{\"id\":\"f-2\",\"account\":\"main\",\"symbol\":\"ETHUSDT\",\"side\":\"sell\",\"qty\":\"3\"}");
        sluice.accept("/api/v1/signals",
            "{\"id\":\"f-3\",\"account\":\"main\",\"symbol\":\"XAUUSD\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":2000}");
        sluice.awaitJson("/api/v1/positions", p -> p.path("positions").size() == 2, "two positions");
        final String resting = sluice.awaitJson("/api/v1/signals/f-3", s -> "ORDERED".equals(s.path("status").asText()), "resting order")
            .path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + resting, o -> "NEW".equals(o.path("status").asText()), "resting at the venue");

        sluice.accept("/api/v1/flatten", "{\"reason\":\"end of drill\",\"actor\":\"alice\"}");

        sluice.awaitJson("/api/v1/orders/" + resting, o -> "CANCELED".equals(o.path("status").asText()), "resting order canceled");
        final JsonNode positions = sluice.awaitJson("/api/v1/positions", p ->
        {
            for (final JsonNode position : p.path("positions"))
            {
                if (position.path("quantity").decimalValue().compareTo(BigDecimal.ZERO) != 0)
                {
                    return false;
                }
            }
            return true;
        }, "every position closed");
        assertEquals(2, positions.path("positions").size());
        sluice.awaitCondition(() -> alerts(AlertType.FLAT) == 1, "a FLAT alert");
        assertEquals("HALTED", sluice.getJson("/api/v1/state").path("trading").path("global").path("state").asText(),
            "flatten also halts until resumed");
    }

    @Test
    void shouldTripTheCircuitBreakerOnVenueRejectsAndResumeOnCommand()
    {
        // DOGEUSDT is tradable for the engine but unknown to the paper venue: every order is a venue reject.
        sluice = new SystemHarness(dir, Map.of(
            "sluice.instruments", "BTCUSDT,ETHUSDT,EURUSD,XAUUSD,INFY,NIFTY,DOGEUSDT",
            "sluice.risk.circuitBreaker.faults", "3",
            "sluice.risk.circuitBreaker.scope", "global"));
        for (int i = 0; i < 3; i++)
        {
            sluice.accept("/api/v1/signals", "{\"id\":\"cb-" + i + "\",\"account\":\"main\",\"symbol\":\"DOGEUSDT\",\"side\":\"buy\"," +
                "\"qty\":100,\"type\":\"limit\",\"price\":0.1}");
            final String id = sluice.awaitJson("/api/v1/signals/cb-" + i, s -> "ORDERED".equals(s.path("status").asText()), "routed")
                .path("orders").get(0).asText();
            sluice.awaitJson("/api/v1/orders/" + id, o -> "REJECTED".equals(o.path("status").asText()), "venue reject");
        }
        sluice.awaitCondition(() -> alerts(AlertType.CIRCUIT_BREAKER) == 1, "breaker alert");
        sluice.awaitJson("/api/v1/state", s -> "HALTED".equals(s.path("trading").path("global").path("state").asText()), "halted");

        sluice.accept("/api/v1/signals", "{\"id\":\"cb-next\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        final JsonNode refused = sluice.awaitJson("/api/v1/signals/cb-next", s -> "REJECTED".equals(s.path("status").asText()), "refused");
        assertEquals("KILL_SWITCH", refused.path("reject").path("reason").asText());
        assertTrue(refused.path("reject").path("message").asText().contains("all accounts"));

        sluice.accept("/api/v1/resume", "{\"actor\":\"alice\",\"reason\":\"venue fixed\"}");
        sluice.awaitJson("/api/v1/state", s -> "ACTIVE".equals(s.path("trading").path("global").path("state").asText()), "resumed");
        sluice.accept("/api/v1/signals", "{\"id\":\"cb-after\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}");
        sluice.awaitJson("/api/v1/signals/cb-after", s -> "ORDERED".equals(s.path("status").asText()), "trading again");
    }

    @Test
    void shouldSliceAnOrderAboveTheFreezeQuantityAndFillEverySlice()
    {
        sluice = new SystemHarness(dir, Map.of(
            "sluice.instrument.NIFTY.calendar", "ALWAYS",
            "sluice.instrument.NIFTY.lotSize", "75",
            "sluice.instrument.NIFTY.freezeQty", "1800",
            "sluice.account.main.maxOrderQty", "10000",
            "sluice.account.main.maxNotional", "200000000"));
        sluice.accept("/api/v1/signals", "{\"id\":\"slice-1\",\"account\":\"main\",\"symbol\":\"NIFTY\",\"side\":\"sell\",\"qty\":4050}");

        final JsonNode signal = sluice.awaitJson("/api/v1/signals/slice-1", s -> s.path("orders").size() == 3, "three slices");
        for (final JsonNode id : signal.path("orders"))
        {
            final JsonNode order = sluice.awaitJson("/api/v1/orders/" + id.asText(), o -> "FILLED".equals(o.path("status").asText()), "slice filled");
            assertTrue(order.path("quantity").decimalValue().compareTo(new BigDecimal("1800")) <= 0);
        }
        final JsonNode position = sluice.awaitJson("/api/v1/positions", p -> p.path("positions").size() == 1 &&
            p.path("positions").get(0).path("quantity").decimalValue().compareTo(new BigDecimal("-4050")) == 0, "position -4050")
            .path("positions").get(0);
        assertEquals("NIFTY", position.path("symbol").asText());
        assertEquals(3, sluice.countRecords(JournalRecord.KIND_OUTPUT, NewOrderDecoder.TEMPLATE_ID));
    }

    private long alerts(final AlertType type)
    {
        final long[] count = new long[1];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final AlertDecoder alert = new AlertDecoder();
        sluice.readJournal((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (kind == JournalRecord.KIND_OUTPUT && header.templateId() == AlertDecoder.TEMPLATE_ID)
            {
                alert.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                if (alert.alertType() == type)
                {
                    count[0]++;
                }
            }
        });
        return count[0];
    }
}
