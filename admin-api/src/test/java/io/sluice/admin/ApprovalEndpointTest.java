package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.journal.Journal;
import io.sluice.journal.JournalAppender;
import io.sluice.journal.JournalRecord;
import io.sluice.sbe.RejectReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approval API: the queue is the engine's, so GET lists what the journal shows as AWAITING_APPROVAL and
 * the POSTs publish the operator's decision as an AdminCommand naming the approval and the approver.
 */
class ApprovalEndpointTest
{
    private static final long T0 = 1_714_564_800_000_000_000L;

    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings());
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    @Test
    void shouldPublishApproveWithTargetAndActor()
    {
        final HttpResponse<String> response = harness.post("/api/v1/approvals/sig-77/approve", "application/json",
            "{\"actor\":\"risk@desk\",\"reason\":\"size checked\"}");

        assertEquals(202, response.statusCode(), response.body());
        assertEquals("APPROVE", ApiHarness.json(response).get("action").asText());
        assertEquals(List.of(new ApiHarness.AdminCommand("APPROVE", "GLOBAL", "", ApiHarness.INGEST_NOW_NS, "risk@desk", "size checked", "sig-77")),
            harness.receivedBeforeMarker());
    }

    @Test
    void shouldPublishRejectForTheAccountOfAKnownSignal()
    {
        journalAwaitingApproval("sig-held", "acc5");

        final HttpResponse<String> response = harness.post("/api/v1/approvals/sig-held/reject", null, new byte[0]);

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of(new ApiHarness.AdminCommand("REJECT", "ACCOUNT", "acc5", ApiHarness.INGEST_NOW_NS, "api", "", "sig-held")),
            harness.receivedBeforeMarker());
    }

    @Test
    void shouldListSignalsAwaitingApprovalFromTheJournal()
    {
        journalAwaitingApproval("sig-wait", "acc2");

        final JsonNode approvals = ApiHarness.json(harness.get("/api/v1/approvals")).get("approvals");
        JsonNode found = null;
        for (final JsonNode approval : approvals)
        {
            if (approval.get("id").asText().equals("sig-wait"))
            {
                found = approval;
            }
        }
        assertTrue(found != null, approvals.toString());
        assertEquals("acc2", found.get("account").asText());
        assertEquals("confidence 55 below the account's threshold 80", found.get("detail").asText());
        assertTrue(found.get("decisionSent").isNull());

        harness.post("/api/v1/approvals/sig-wait/approve", "application/json", "{\"actor\":\"ops\"}");
        harness.receivedBeforeMarker();
        final JsonNode after = ApiHarness.json(harness.get("/api/v1/approvals")).get("approvals");
        boolean decided = false;
        for (final JsonNode approval : after)
        {
            decided |= approval.get("id").asText().equals("sig-wait") && approval.get("decisionSent").asText().equals("APPROVE");
        }
        assertTrue(decided, after.toString());
    }

    @Test
    void shouldRefuseBadApprovalRequests()
    {
        assertEquals(404, harness.post("/api/v1/approvals/sig-1/maybe", "application/json", "{}").statusCode());
        assertEquals(405, harness.get("/api/v1/approvals/sig-1/approve").statusCode());
        assertEquals(404, harness.post("/api/v1/approvals/" + "x".repeat(65) + "/approve", "application/json", "{}").statusCode());
        assertEquals(400, harness.post("/api/v1/approvals/sig-1/approve", "application/json", "{\"actor\":\"a b\"}").statusCode());
        assertEquals(415, harness.post("/api/v1/approvals/sig-1/approve", "text/plain", "ok").statusCode());
        assertTrue(harness.receivedBeforeMarker().isEmpty());
    }

    private static void journalAwaitingApproval(final String signalId, final String account)
    {
        final TestRecords r = new TestRecords();
        try (Journal journal = Journal.open(harness.journalDir); JournalAppender appender = journal.appender())
        {
            appender.append(JournalRecord.KIND_INPUT, 1, T0, r.buffer, 0, r.rawSignal(signalId, account, T0, "XAUUSD BUY"));
            appender.append(JournalRecord.KIND_OUTPUT, 1, T0, r.buffer, 0, r.riskReject(RejectReason.AWAITING_APPROVAL, null, null, "",
                account, "XAUUSD", T0, signalId, "qty", "confidence 55 below the account's threshold 80"));
        }
        ApiHarness.await("the read model to show " + signalId, () -> harness.api.readModel().signal(signalId) != null &&
            harness.api.readModel().signal(signalId).reject() != null);
    }
}
