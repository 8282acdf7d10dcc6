package io.sluice.admin;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telegram channels through a fake Bot API speaking the documented JSON: long polling publishes channel posts
 * and edits of configured channels and confirms each update by the next offset; the webhook checks the secret
 * token header.
 */
class TelegramTest
{
    static final String TOKEN = "123456:TEST-token_abc";
    static final String VIP_CHAT = "-1001234567890";

    @TempDir
    static Path dir;
    private static FakeBotApi bot;
    private static ApiHarness harness;

    @BeforeAll
    static void launch() throws IOException
    {
        bot = new FakeBotApi(TOKEN);
        harness = ApiHarness.ingest(dir, true, ApiHarness.settings(
            "sluice.telegram.mode", "poll",
            "sluice.telegram.token", TOKEN,
            "sluice.telegram.apiUrl", bot.url(),
            "sluice.telegram.pollTimeoutSeconds", "1",
            "sluice.telegram.webhookSecret", "hook-Secret_1",
            "sluice.sources", "vip,daily",
            "sluice.source.vip.type", "telegram",
            "sluice.source.vip.telegramChat", VIP_CHAT,
            "sluice.source.vip.account", "acc-tg",
            "sluice.source.daily.type", "telegram",
            "sluice.source.daily.telegramChat", "@signalsdaily"));
    }

    @AfterAll
    static void close()
    {
        final long errors = harness.api.errorCount();
        harness.close();
        bot.close();
        assertEquals(0, errors, "unexpected errors in the API");
    }

    static String channelPost(final long updateId, final String kind, final String chatId, final String username,
        final long messageId, final String field, final String text)
    {
        return "{\"update_id\":" + updateId + ",\"" + kind + "\":{\"message_id\":" + messageId + ",\"date\":1714564800," +
            "\"chat\":{\"id\":" + chatId + ",\"type\":\"channel\",\"title\":\"Signals\"" +
            (username != null ? ",\"username\":\"" + username + "\"" : "") + "},\"" + field + "\":\"" + text + "\"}}";
    }

    @Test
    void shouldPublishChannelPostsAndEditsAndConfirmEveryUpdate()
    {
        bot.add(channelPost(100, "channel_post", VIP_CHAT, null, 5, "text", "GOLD BUY 2050 SL 2045 TP 2060"));
        bot.add(channelPost(101, "channel_post", "-1009999", "otherchannel", 7, "text", "EURUSD BUY 1.08"));
        bot.add(channelPost(102, "edited_channel_post", VIP_CHAT, null, 5, "text", "GOLD BUY 2051 SL 2045 TP 2060"));
        bot.add(channelPost(103, "channel_post", "-1005555", "SignalsDaily", 9, "caption", "EURUSD SELL 1.0900 SL 1.0950"));
        bot.add("{\"update_id\":104,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"hi\"}}");

        // Update 104 is a private message: allowed_updates keeps Telegram from delivering it at all.
        bot.awaitRequest(requests -> requests.stream().anyMatch(r -> r.offset() == 104), "the updates to be confirmed");

        final List<Object> published = harness.receivedBeforeMarker();
        assertEquals(3, published.size(), published::toString);
        final ApiHarness.RawSignal post = (ApiHarness.RawSignal)published.get(0);
        assertEquals(new ApiHarness.RawSignal("TELEGRAM", "FREE_TEXT", ApiHarness.INGEST_NOW_NS, "tg-100", "acc-tg",
            "tg:" + VIP_CHAT + ":5", post.body(), "vip"), post);
        assertEquals("GOLD BUY 2050 SL 2045 TP 2060", post.text());
        final ApiHarness.RawSignal edit = (ApiHarness.RawSignal)published.get(1);
        assertEquals("tg-102", edit.signalId());
        assertEquals(post.idempotencyKey(), edit.idempotencyKey(), "an edit shares the post's dedup key: it never trades twice");
        assertEquals("GOLD BUY 2051 SL 2045 TP 2060", edit.text());
        final ApiHarness.RawSignal caption = (ApiHarness.RawSignal)published.get(2);
        assertEquals("daily", caption.channel());
        assertEquals("", caption.account());
        assertEquals("EURUSD SELL 1.0900 SL 1.0950", caption.text());

        final List<FakeBotApi.Request> requests = bot.requests();
        assertEquals(0, requests.get(0).offset(), "the first poll asks from the oldest kept update");
        for (final FakeBotApi.Request request : requests)
        {
            assertEquals(List.of("channel_post", "edited_channel_post"), request.allowedUpdates());
            assertEquals(1, request.timeout());
        }
        for (int i = 1; i < requests.size(); i++)
        {
            assertTrue(requests.get(i).offset() >= requests.get(i - 1).offset(), "offsets never go back: " + requests);
        }
    }

    @Test
    void shouldTakeWebhookUpdatesOnlyWithTheSecretToken()
    {
        final String update = channelPost(500, "channel_post", VIP_CHAT, null, 50, "text", "BTCUSDT LONG");

        final HttpResponse<String> missing = harness.post("/webhook/telegram", "application/json", update);
        final HttpResponse<String> wrong = harness.post("/webhook/telegram", "application/json", update,
            "X-Telegram-Bot-Api-Secret-Token", "hook-Secret_2");
        assertEquals(401, missing.statusCode());
        assertEquals(401, wrong.statusCode());
        assertTrue(harness.receivedBeforeMarker().isEmpty(), "nothing published without the secret token");

        final HttpResponse<String> accepted = harness.post("/webhook/telegram", "application/json", update,
            "X-Telegram-Bot-Api-Secret-Token", "hook-Secret_1");
        final HttpResponse<String> chatter = harness.post("/webhook/telegram", "application/json",
            "{\"update_id\":501,\"my_chat_member\":{}}", "X-Telegram-Bot-Api-Secret-Token", "hook-Secret_1");

        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("PUBLISHED", ApiHarness.json(accepted).get("outcome").asText());
        assertEquals(200, chatter.statusCode(), "updates that are not signals are answered 200 so Telegram stops resending them");
        assertEquals("IGNORED", ApiHarness.json(chatter).get("outcome").asText());
        final ApiHarness.RawSignal signal = harness.onlySignal();
        assertEquals("tg-500", signal.signalId());
        assertEquals("tg:" + VIP_CHAT + ":50", signal.idempotencyKey());
        assertEquals("BTCUSDT LONG", signal.text());
    }
}
