package io.sluice.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a configured proxy (here the loopback peer), the client address is the right-most X-Forwarded-For hop
 * that is not a trusted proxy: TradingView's documented addresses pass the preset allowlist, others do not, and
 * a source with an allowlist and no secret takes secretless alerts from its addresses only.
 */
class TrustedProxyWebhookTest
{
    @TempDir
    static Path dir;
    private static ApiHarness harness;

    @BeforeAll
    static void launch()
    {
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings(
            "sluice.http.trustedProxies", "127.0.0.1",
            "sluice.sources", "tv-locked,tv-open",
            "sluice.source.tv-locked.type", "tradingview",
            "sluice.source.tv-locked.secret", "s3cr3t-Locked-77",
            "sluice.source.tv-locked.ipAllowlist", "tradingview",
            "sluice.source.tv-open.type", "tradingview",
            "sluice.source.tv-open.ipAllowlist", "52.32.178.7",
            "sluice.source.tv-open.account", "acc9"));
    }

    @AfterAll
    static void close()
    {
        harness.close();
    }

    @Test
    void shouldTakeTheClientAddressFromForwardedForOfATrustedProxy()
    {
        final String alert = "{\"secret\":\"s3cr3t-Locked-77\",\"ticker\":\"EURUSD\",\"action\":\"buy\"}";

        final HttpResponse<String> tradingView = harness.post("/webhook/tradingview", "application/json", alert,
            "X-Forwarded-For", "10.9.9.9, 52.89.214.238");
        final HttpResponse<String> other = harness.post("/webhook/tradingview", "application/json", alert,
            "X-Forwarded-For", "52.89.214.238, 10.9.9.9");
        final HttpResponse<String> proxyOnly = harness.post("/webhook/tradingview", "application/json", alert);

        assertEquals(200, tradingView.statusCode(), tradingView.body());
        assertEquals(403, other.statusCode(), "the right-most untrusted hop is the client");
        assertEquals(403, proxyOnly.statusCode(), "without the header the proxy itself is the client");
        assertEquals("tv-locked", harness.onlySignal().channel());
    }

    @Test
    void shouldTakeSecretlessAlertsForAnAllowlistOnlySourceFromItsAddressesOnly()
    {
        final HttpResponse<String> allowed = harness.post("/webhook/tradingview", "text/plain", "GBPUSD SELL 1.25 SL 1.26 TP 1.24",
            "X-Forwarded-For", "52.32.178.7");
        final HttpResponse<String> refused = harness.post("/webhook/tradingview", "text/plain", "GBPUSD SELL 1.25 SL 1.26 TP 1.24",
            "X-Forwarded-For", "34.212.75.30");

        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(403, refused.statusCode(), refused.body());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("tv-open", signal.channel());
        assertEquals("acc9", signal.account());
        assertTrue(signal.idempotencyKey().startsWith("tv:tv-open:h:"));
    }
}
