package io.sluice.admin;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With no engine on the ingress stream a channel post cannot be published, so it is not confirmed: the listener
 * keeps asking from that update and Telegram keeps it, and nothing is lost.
 */
class TelegramUnavailableEngineTest
{
    @TempDir
    static Path dir;
    private static FakeBotApi bot;
    private static ApiHarness harness;

    @BeforeAll
    static void launch() throws IOException
    {
        bot = new FakeBotApi(TelegramTest.TOKEN);
        harness = ApiHarness.ingest(dir, false, ApiHarness.settings(
            "sluice.telegram.mode", "poll",
            "sluice.telegram.token", TelegramTest.TOKEN,
            "sluice.telegram.apiUrl", bot.url(),
            "sluice.telegram.pollTimeoutSeconds", "1",
            "sluice.sources", "vip",
            "sluice.source.vip.type", "telegram",
            "sluice.source.vip.telegramChat", TelegramTest.VIP_CHAT));
    }

    @AfterAll
    static void close()
    {
        harness.close();
        bot.close();
    }

    @Test
    void shouldNotConfirmAnUpdateTheEngineDidNotTake()
    {
        bot.add(TelegramTest.channelPost(200, "channel_post", TelegramTest.VIP_CHAT, null, 1, "text", "GOLD BUY 2050"));

        bot.awaitRequest(requests -> requests.stream().filter(r -> r.served() > 0).count() >= 2, "the update to be delivered twice");

        assertTrue(bot.requests().stream().allMatch(r -> r.offset() <= 200), "update 200 was never confirmed: " + bot.requests());
    }
}
