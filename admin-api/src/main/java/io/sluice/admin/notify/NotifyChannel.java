package io.sluice.admin.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where notifications go: Telegram's Bot API {@code sendMessage}, WhatsApp's Cloud API {@code messages}, or a
 * generic JSON webhook. Sending is a blocking HTTP call with a timeout, made only on the channel's own thread.
 * Error messages never contain the URL (Telegram's carries the bot token) or the credentials.
 */
public abstract class NotifyChannel
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final HttpClient http;
    private final Duration timeout;

    NotifyChannel(final String name, final HttpClient http, final Duration timeout)
    {
        this.name = name;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The channel's name, e.g. "telegram".
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Deliver one message.
     *
     * @param text the message.
     * @throws IOException when it was not delivered.
     */
    public abstract void send(String text) throws IOException;

    void post(final URI uri, final String bearer, final ObjectNode body) throws IOException
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
        if (bearer != null)
        {
            builder.header("Authorization", "Bearer " + bearer);
        }
        final HttpResponse<String> response;
        try
        {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted");
        }
        catch (final IOException ex)
        {
            throw new IOException(name + ": " + ex.getClass().getSimpleName());
        }
        if (response.statusCode() / 100 != 2)
        {
            throw new IOException(name + ": HTTP " + response.statusCode());
        }
        check(response.body());
    }

    void check(final String responseBody) throws IOException
    {
    }

    static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    /** Telegram Bot API: {@code POST {base}/bot<token>/sendMessage {"chat_id","text"}}; the answer must say ok. */
    static final class Telegram extends NotifyChannel
    {
        private final URI uri;
        private final String chatId;

        Telegram(final HttpClient http, final Duration timeout, final String baseUrl, final String botToken, final String chatId)
        {
            super("telegram", http, timeout);
            this.uri = URI.create(stripSlash(baseUrl) + "/bot" + botToken + "/sendMessage");
            this.chatId = chatId;
        }

        public void send(final String text) throws IOException
        {
            post(uri, null, object().put("chat_id", chatId).put("text", text).put("disable_web_page_preview", true));
        }

        void check(final String responseBody) throws IOException
        {
            if (!MAPPER.readTree(responseBody).path("ok").asBoolean(false))
            {
                throw new IOException("telegram: answer not ok");
            }
        }
    }

    /** WhatsApp Cloud API: {@code POST {base}/<phone-number-id>/messages} with a bearer token. */
    static final class WhatsApp extends NotifyChannel
    {
        private final URI uri;
        private final String token;
        private final String to;

        WhatsApp(final HttpClient http, final Duration timeout, final String baseUrl, final String phoneNumberId, final String token,
            final String to)
        {
            super("whatsapp", http, timeout);
            this.uri = URI.create(stripSlash(baseUrl) + "/" + phoneNumberId + "/messages");
            this.token = token;
            this.to = to;
        }

        public void send(final String text) throws IOException
        {
            final ObjectNode body = object().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", "text");
            body.putObject("text").put("preview_url", false).put("body", text);
            post(uri, token, body);
        }
    }

    /** A generic webhook: {@code POST <url> {"source":"sluice","text"}}, optionally with a bearer secret. */
    static final class Webhook extends NotifyChannel
    {
        private final URI uri;
        private final String secret;

        Webhook(final HttpClient http, final Duration timeout, final String url, final String secret)
        {
            super("webhook", http, timeout);
            this.uri = URI.create(url);
            this.secret = secret;
        }

        public void send(final String text) throws IOException
        {
            post(uri, secret, object().put("source", "sluice").put("text", text));
        }
    }

    private static String stripSlash(final String url)
    {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
