package io.sluice.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.sluice.admin.AdminApi;
import io.sluice.admin.AdminApiContext;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineContext;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.GatewayContext;
import io.sluice.gateway.GatewayThreadingMode;
import io.sluice.gateway.paper.PaperVenue;
import io.sluice.journal.FrameFormatter;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalReader;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.protocol.Settings;
import io.sluice.sbe.MessageHeaderDecoder;
import io.sluice.sbe.NewOrderDecoder;
import io.sluice.sbe.OrderUpdateDecoder;
import io.sluice.sbe.PositionUpdateDecoder;
import io.sluice.sbe.RawSignalDecoder;
import io.sluice.sbe.RiskRejectDecoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole topology in one JVM with real parts: an embedded media driver, the engine with its journal in a
 * temp directory, the paper gateway on its own thread and admin-api on an ephemeral loopback port. Every
 * step goes through HTTP, Aeron and the journal exactly as in production.
 */
@Timeout(90)
class TopologySystemTest
{
    private static final ObjectMapper JSON = SystemHarness.JSON;

    @TempDir
    Path dir;

    private SystemHarness sluice;

    @BeforeEach
    void setUp()
    {
        sluice = new SystemHarness(dir, Map.of());
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.quietClose(sluice);
    }

    @Test
    void shouldTurnASignalIntoAFilledOrderAndAPositionWithEveryEventJournaled() throws Exception
    {
        final HttpResponse<String> accepted = sluice.post("/api/v1/signals",
            "{\"id\":\"tv-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":\"0.5\",\"sl\":60000}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("tv-1", JSON.readTree(accepted.body()).path("signalId").asText());

        final JsonNode signal = sluice.awaitJson("/api/v1/signals/tv-1", s -> "ORDERED".equals(s.path("status").asText()), "signal ordered");
        final String clientOrderId = signal.path("orders").get(0).asText();

        final JsonNode order = sluice.awaitJson("/api/v1/orders/" + clientOrderId, o -> "FILLED".equals(o.path("status").asText()), "order filled");
        assertEquals("BTCUSDT", order.path("symbol").asText());
        assertEquals(0, order.path("cumQty").decimalValue().compareTo(new java.math.BigDecimal("0.5")));
        assertEquals(0, order.path("avgPrice").decimalValue().compareTo(new java.math.BigDecimal("65000")));

        final JsonNode positions = sluice.awaitJson("/api/v1/positions",
            p -> p.path("positions").size() == 1, "one position");
        final JsonNode position = positions.path("positions").get(0);
        assertEquals("main", position.path("account").asText());
        assertEquals("BTCUSDT", position.path("symbol").asText());
        assertEquals(0, position.path("quantity").decimalValue().compareTo(new java.math.BigDecimal("0.5")));

        final JsonNode orders = sluice.getJson("/api/v1/orders");
        assertEquals(1, orders.path("orders").size());

        // The journal holds the input and every output, in order.
        final List<String> flow = journalFlow("tv-1", clientOrderId);
        assertEquals(List.of(
            "IN RawSignal -> NewOrder OrderUpdate:PENDING_NEW",
            "IN ExecutionReport -> OrderUpdate:NEW",
            "IN ExecutionReport -> PositionUpdate OrderUpdate:FILLED"), flow);
    }

    @Test
    void shouldPlaceExactlyOneOrderWhenTheSameSignalIdIsResent() throws Exception
    {
        final String body = "{\"id\":\"dup-7\",\"account\":\"main\",\"symbol\":\"ETHUSDT\",\"side\":\"sell\",\"qty\":2}";
        for (int i = 0; i < 3; i++)
        {
            assertEquals(202, sluice.post("/api/v1/signals", body).statusCode());
        }
        sluice.awaitJson("/api/v1/positions", p -> p.path("positions").size() == 1, "one position");
        sluice.awaitCondition(() -> sluice.countRecords(JournalRecord.KIND_OUTPUT, RiskRejectDecoder.TEMPLATE_ID) == 2, "two duplicate rejects");

        assertEquals(1, sluice.countRecords(JournalRecord.KIND_OUTPUT, NewOrderDecoder.TEMPLATE_ID), "exactly one order");
        assertEquals(3, sluice.countRecords(JournalRecord.KIND_INPUT, RawSignalDecoder.TEMPLATE_ID), "every repeat journaled");
        final JsonNode position = sluice.getJson("/api/v1/positions").path("positions").get(0);
        assertEquals(0, position.path("quantity").decimalValue().compareTo(new java.math.BigDecimal("-2")));
        final JsonNode signal = sluice.awaitJson("/api/v1/signals/dup-7", s -> s.path("duplicatesRefused").asInt() == 2, "repeats counted");
        assertEquals("ORDERED", signal.path("status").asText(), "the first outcome stands");
        assertEquals(1, signal.path("orders").size());
    }

    @Test
    void shouldAnswerMalformedJsonWith400AndLetNothingIntoTheRing() throws Exception
    {
        final HttpResponse<String> response = sluice.post("/api/v1/signals", "{\"id\":\"bad\",\"account\":\"main\",");
        assertEquals(400, response.statusCode());
        final JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("UNPARSEABLE", error.path("code").asText());
        assertTrue(error.has("field"));

        // A well-formed marker sent afterwards arrives; the malformed one never did.
        assertEquals(202, sluice.post("/api/v1/signals", "{\"id\":\"marker\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}").statusCode());
        sluice.awaitJson("/api/v1/signals/marker", s -> !"PENDING".equals(s.path("status").asText()), "marker processed");
        assertEquals(1, sluice.countRecords(JournalRecord.KIND_INPUT, RawSignalDecoder.TEMPLATE_ID), "only the marker entered the ring");
        assertEquals(404, sluice.get("/api/v1/signals/bad").statusCode());
    }

    @Test
    void shouldRefuseTheNextSignalWithKillSwitchOnceKilledAndTradeAgainAfterResume() throws Exception
    {
        assertEquals(202, sluice.post("/api/v1/kill", "{\"reason\":\"drill\",\"actor\":\"alice\"}").statusCode());
        sluice.awaitJson("/api/v1/state", s -> "HALTED".equals(s.path("trading").path("global").path("state").asText()), "halted");

        assertEquals(202, sluice.post("/api/v1/signals", "{\"id\":\"k-1\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}").statusCode());
        final JsonNode refused = sluice.awaitJson("/api/v1/signals/k-1", s -> "REJECTED".equals(s.path("status").asText()), "refused");
        assertEquals("KILL_SWITCH", refused.path("reject").path("reason").asText());

        assertEquals(202, sluice.post("/api/v1/resume", "{\"actor\":\"alice\"}").statusCode());
        sluice.awaitJson("/api/v1/state", s -> "ACTIVE".equals(s.path("trading").path("global").path("state").asText()), "active");
        assertEquals(202, sluice.post("/api/v1/signals", "{\"id\":\"k-2\",\"account\":\"main\",\"symbol\":\"BTCUSDT\",\"side\":\"buy\",\"qty\":1}").statusCode());
        sluice.awaitJson("/api/v1/signals/k-2", s -> "ORDERED".equals(s.path("status").asText()), "ordered after resume");
    }

    @Test
    void shouldRestALimitOrderUntilThePaperPriceCrossesIt() throws Exception
    {
        assertEquals(202, sluice.post("/api/v1/signals",
            "{\"id\":\"lim-1\",\"account\":\"main\",\"symbol\":\"XAUUSD\",\"side\":\"buy\",\"qty\":1,\"type\":\"limit\",\"price\":2300}").statusCode());
        final String id = sluice.awaitJson("/api/v1/signals/lim-1", s -> "ORDERED".equals(s.path("status").asText()), "ordered")
            .path("orders").get(0).asText();
        sluice.awaitJson("/api/v1/orders/" + id, o -> "NEW".equals(o.path("status").asText()), "resting");

        ((PaperVenue)sluice.gateway().venue()).setPrice("XAUUSD", Fixed.of(2299));
        final JsonNode filled = sluice.awaitJson("/api/v1/orders/" + id, o -> "FILLED".equals(o.path("status").asText()), "filled");
        assertEquals(0, filled.path("avgPrice").decimalValue().compareTo(new java.math.BigDecimal("2300")));
    }

    // Each input that concerns the signal or its order, with the outputs it caused: "IN -> OUT, OUT".
    // Outputs carry their input's sequence and are journaled after it (write-ahead), though later inputs may
    // be journaled in between, since two pipeline stages append.
    private List<String> journalFlow(final String signalId, final String clientOrderId)
    {
        final Map<Long, StringBuilder> bySequence = new java.util.LinkedHashMap<>();
        final Map<Long, Boolean> ours = new HashMap<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final FrameFormatter formatter = new FrameFormatter();
        final StringBuilder line = new StringBuilder();
        sluice.readJournal((index, kind, sequence, timestampNs, buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            line.setLength(0);
            formatter.format(buffer, offset, length, line);
            final String text = line.toString();
            String name = text.substring(0, text.indexOf(' '));
            if (header.templateId() == OrderUpdateDecoder.TEMPLATE_ID)
            {
                name += ":" + text.replaceAll(".* ordStatus=(\\w+).*", "$1");
            }
            if (text.contains("signalId=\"" + signalId + "\"") || text.contains("clientOrderId=" + clientOrderId))
            {
                ours.put(sequence, true);
            }
            if (kind == JournalRecord.KIND_INPUT)
            {
                assertTrue(!bySequence.containsKey(sequence), "one input per sequence");
                bySequence.put(sequence, new StringBuilder("IN " + name + " ->"));
            }
            else
            {
                final StringBuilder entry = bySequence.get(sequence);
                assertTrue(entry != null, "output " + name + " journaled after its input " + sequence);
                entry.append(" ").append(name);
            }
        });
        final List<String> flow = new ArrayList<>();
        bySequence.forEach((sequence, entry) ->
        {
            if (ours.containsKey(sequence))
            {
                flow.add(entry.toString());
            }
        });
        return flow;
    }

}
