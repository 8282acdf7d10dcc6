package io.sluice.admin;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.protocol.Fixed;
import io.sluice.sbe.MessageHeaderEncoder;
import io.sluice.sbe.ParseOutcome;
import io.sluice.sbe.ParseResultEncoder;
import io.sluice.sbe.RejectReason;
import io.sluice.sbe.SignalFormat;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/v1/signals/parse against a test that plays the engine: the dry run goes out on the ingress stream and
 * the answer comes back through the journal (or does not come).
 */
class ParseEndpointTest
{
    @TempDir
    Path dir;

    private static HttpRequest parse(final ApiHarness harness, final String query, final String contentType, final String body)
    {
        return HttpRequest.newBuilder(harness.uri("/api/v1/signals/parse" + query)).timeout(ApiHarness.TIMEOUT)
            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void shouldPublishADryRunAndAnswerWithTheEnginesParseResultFromTheJournal() throws Exception
    {
        try (ApiHarness harness = ApiHarness.launch(dir, true, Map.of(
            "sluice.sources", "desk",
            "sluice.source.desk.type", "tradingview",
            "sluice.source.desk.account", "acc1",
            "sluice.source.desk.secret", "desk-secret"), ctx -> { }))
        {
            final CompletableFuture<HttpResponse<String>> pending = harness.http.sendAsync(
                parse(harness, "?format=tradingview&channel=desk", "application/json",
                    "{\"id\":\"a-1\",\"secret\":\"desk-secret\",\"symbol\":\"BTCUSDT\",\"action\":\"buy\"}"),
                HttpResponse.BodyHandlers.ofString());
            final List<Object> received = harness.receiveUntil(m -> m instanceof ApiHarness.RawSignal);
            final ApiHarness.RawSignal dryRun = (ApiHarness.RawSignal)received.get(received.size() - 1);
            assertEquals("TRADINGVIEW_JSON", dryRun.format());
            assertEquals("a-1", dryRun.signalId());
            assertEquals("acc1", dryRun.account());
            final String body = new String(dryRun.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("\"secret\":\"\"") && !body.contains("desk-secret"), "secrets are blanked: " + body);

            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
            final ParseResultEncoder result = new ParseResultEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
                .requestTimeNs(dryRun.ingressTimeNs()).timestampNs(dryRun.ingressTimeNs() + 1).outcome(ParseOutcome.REFUSE)
                .reason(RejectReason.MAX_ORDER_QTY).format(SignalFormat.TRADINGVIEW_JSON).account("acc1")
                .limitValue(Fixed.of(10)).actualValue(Fixed.parse("10.5"))
                .signalId("a-1").field("qty").detail("qty 10.5 exceeds maxOrderQty 10")
                .intents("{\"outcome\":\"NEW_TRADE\",\"legs\":1}\n{\"leg\":0,\"action\":\"OPEN\",\"symbol\":\"BTCUSDT\"}");
            try (Journal journal = Journal.open(harness.journalDir); JournalAppender appender = journal.appender())
            {
                appender.append(JournalRecord.KIND_OUTPUT, 1, dryRun.ingressTimeNs(), buffer, 0,
                    MessageHeaderEncoder.ENCODED_LENGTH + result.encodedLength());
            }

            final HttpResponse<String> response = pending.get();
            assertEquals(200, response.statusCode(), response.body());
            final JsonNode json = ApiHarness.json(response);
            assertEquals("REFUSE", json.get("outcome").asText());
            assertEquals(false, json.get("wouldTrade").asBoolean());
            assertEquals("MAX_ORDER_QTY", json.get("reason").asText());
            assertEquals("qty", json.get("field").asText());
            assertEquals("desk", json.get("channel").asText());
            assertEquals("acc1", json.get("account").asText());
            assertEquals(0, json.get("actualValue").decimalValue().compareTo(new java.math.BigDecimal("10.5")));
            assertEquals("BTCUSDT", json.get("intents").get(1).get("symbol").asText());
            assertEquals(404, harness.get("/api/v1/signals/a-1").statusCode(), "a dry run is not a signal");
        }
    }

    @Test
    void shouldAnswerGatewayTimeoutWhenTheEngineDoesNotAnswerAndRefuseBadRequestsAtOnce()
    {
        try (ApiHarness harness = ApiHarness.launch(dir))
        {
            final HttpResponse<String> late = harness.send(parse(harness, "?format=text&account=acc1", "text/plain", "BTCUSDT BUY"));
            assertEquals(504, late.statusCode(), late.body());
            assertEquals("ENGINE_TIMEOUT", ApiHarness.json(late).get("error").get("code").asText());

            final HttpResponse<String> noFormat = harness.send(parse(harness, "", "text/plain", "BTCUSDT BUY"));
            assertEquals(400, noFormat.statusCode());
            assertEquals("format", ApiHarness.json(noFormat).get("error").get("field").asText());
            final HttpResponse<String> unknownChannel = harness.send(parse(harness, "?format=text&channel=x", "text/plain", "BTCUSDT BUY"));
            assertEquals("channel", ApiHarness.json(unknownChannel).get("error").get("field").asText());
            assertEquals(405, harness.get("/api/v1/signals/parse").statusCode());
        }
    }

    @Test
    void shouldAnswerServiceUnavailableWhenNoEngineTakesTheDryRun()
    {
        try (ApiHarness harness = ApiHarness.launch(dir, false, Map.of(), ctx -> { }))
        {
            final HttpResponse<String> response = harness.send(parse(harness, "?format=text", "text/plain", "BTCUSDT BUY"));
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("ENGINE_UNAVAILABLE", ApiHarness.json(response).get("error").get("code").asText());
        }
    }
}
