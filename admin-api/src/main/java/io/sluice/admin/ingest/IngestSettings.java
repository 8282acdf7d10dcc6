package io.sluice.admin.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.sluice.protocol.Settings;

/**
 * The API's side of every signal source, read from settings. The same {@code sluice.source.<name>.*} keys also
 * hold the engine's parse settings (aliases, default size, allowed kinds, units), read by the engine.
 * <pre>
 *   sluice.sources                              comma-separated source names
 *   sluice.source.&lt;name&gt;.type                 tradingview | telegram | openalgo (others are parse-only)
 *   sluice.source.&lt;name&gt;.account              account the source's signals trade (≤ 16 ASCII)
 *   sluice.source.&lt;name&gt;.secret               TradingView: secret in the body ("secret"/"passphrase") or path
 *   sluice.source.&lt;name&gt;.ipAllowlist          TradingView: addresses allowed to send; "tradingview" adds its
 *                                               documented addresses (52.89.214.238, 34.212.75.30, 54.218.53.128, 52.32.178.7)
 *   sluice.source.&lt;name&gt;.idempotency          auto | client-id | timenow-order-id | body-hash | none
 *                                               (default auto for TradingView, none for OpenAlgo)
 *   sluice.source.&lt;name&gt;.apikey               OpenAlgo: the apikey scripts send
 *   sluice.source.&lt;name&gt;.telegramChat         Telegram: channel chat id (-100…) or @username
 *   sluice.http.trustedProxies                  proxies whose X-Forwarded-For is believed (default none)
 *   sluice.telegram.mode                        off | poll | webhook (default off)
 *   sluice.telegram.token                       bot token (never logged)
 *   sluice.telegram.webhookSecret               secret_token given to setWebhook; checked on /webhook/telegram
 *   sluice.telegram.apiUrl                      Bot API base URL (default https://api.telegram.org)
 *   sluice.telegram.pollTimeoutSeconds          long-poll timeout (default 25)
 *   sluice.telegram.dedupKey                    message (chat and message id, default) | update (update_id)
 * </pre>
 */
public final class IngestSettings
{
    /** TradingView's documented webhook source addresses. */
    public static final List<String> TRADINGVIEW_ADDRESSES = List.of("52.89.214.238", "34.212.75.30", "54.218.53.128", "52.32.178.7");
    /** Preset name in an allowlist standing for {@link #TRADINGVIEW_ADDRESSES}. */
    public static final String TRADINGVIEW_PRESET = "tradingview";

    /** How Telegram updates reach the API. */
    public enum TelegramMode
    {
        /** No Telegram. */
        OFF,
        /** Long polling with getUpdates. */
        POLL,
        /** Telegram POSTs updates to /webhook/telegram. */
        WEBHOOK
    }

    /** What a Telegram signal is deduplicated by. */
    public enum TelegramDedup
    {
        /** Chat id and message id: redeliveries and edits of one post share it, so an edit never trades twice. */
        MESSAGE,
        /** The update_id: redeliveries share it; an edit is a new update and is parsed again. */
        UPDATE
    }

    private final List<Source> sources;
    private final Set<String> trustedProxies;
    private final TelegramMode telegramMode;
    private final String telegramToken;
    private final byte[] telegramWebhookSecret;
    private final URI telegramApiUrl;
    private final int telegramPollTimeoutSeconds;
    private final TelegramDedup telegramDedup;

    private IngestSettings(
        final List<Source> sources,
        final Set<String> trustedProxies,
        final TelegramMode telegramMode,
        final String telegramToken,
        final byte[] telegramWebhookSecret,
        final URI telegramApiUrl,
        final int telegramPollTimeoutSeconds,
        final TelegramDedup telegramDedup)
    {
        this.sources = sources;
        this.trustedProxies = trustedProxies;
        this.telegramMode = telegramMode;
        this.telegramToken = telegramToken;
        this.telegramWebhookSecret = telegramWebhookSecret;
        this.telegramApiUrl = telegramApiUrl;
        this.telegramPollTimeoutSeconds = telegramPollTimeoutSeconds;
        this.telegramDedup = telegramDedup;
    }

    /**
     * Read and validate the sources and Telegram settings.
     *
     * @param settings configuration.
     * @return the settings.
     * @throws IllegalArgumentException naming the key of an invalid value (never echoing a secret).
     */
    public static IngestSettings load(final Settings settings)
    {
        final List<Source> sources = new ArrayList<>();
        for (final String name : settings.getList("sluice.sources", ""))
        {
            sources.add(source(settings, name));
        }
        final Set<String> proxies = addresses(settings.getList("sluice.http.trustedProxies", ""), "sluice.http.trustedProxies");
        final TelegramMode mode = enumValue(TelegramMode.class, settings.get("sluice.telegram.mode", "off"), "sluice.telegram.mode");
        final String token = settings.get("sluice.telegram.token", null);
        final String webhookSecret = settings.get("sluice.telegram.webhookSecret", null);
        final String apiUrl = settings.get("sluice.telegram.apiUrl", "https://api.telegram.org");
        final int timeout = settings.getInt("sluice.telegram.pollTimeoutSeconds", 25);
        final TelegramDedup dedup = enumValue(TelegramDedup.class, settings.get("sluice.telegram.dedupKey", "message"),
            "sluice.telegram.dedupKey");
        if (mode == TelegramMode.POLL && (token == null || token.isBlank()))
        {
            throw new IllegalArgumentException("sluice.telegram.token is required when sluice.telegram.mode is poll");
        }
        if (mode == TelegramMode.WEBHOOK && (webhookSecret == null || webhookSecret.isBlank()))
        {
            throw new IllegalArgumentException("sluice.telegram.webhookSecret is required when sluice.telegram.mode is webhook");
        }
        if (webhookSecret != null && !webhookSecret.matches("[A-Za-z0-9_-]{1,256}"))
        {
            throw new IllegalArgumentException("sluice.telegram.webhookSecret must be 1-256 characters A-Z a-z 0-9 _ -");
        }
        if (timeout < 0 || timeout > 50)
        {
            throw new IllegalArgumentException("sluice.telegram.pollTimeoutSeconds must be 0..50, was " + timeout);
        }
        final URI uri;
        try
        {
            uri = URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("sluice.telegram.apiUrl is not a URL");
        }
        return new IngestSettings(List.copyOf(sources), proxies, mode, token,
            webhookSecret == null ? null : webhookSecret.getBytes(StandardCharsets.US_ASCII), uri, timeout, dedup);
    }

    private static Source source(final Settings settings, final String name)
    {
        final String prefix = "sluice.source." + name + ".";
        if (!name.matches("[A-Za-z0-9._-]{1,64}"))
        {
            throw new IllegalArgumentException("sluice.sources: source names are 1-64 characters A-Z a-z 0-9 . _ -, was '" + name + "'");
        }
        final String typeText = settings.get(prefix + "type", "other");
        final SourceType type = enumValue(SourceType.class, typeText, prefix + "type");
        final String account = settings.get(prefix + "account", "");
        if (!account.matches("[A-Za-z0-9._:-]{0,16}"))
        {
            throw new IllegalArgumentException(prefix + "account must be at most 16 characters A-Z a-z 0-9 . _ : -");
        }
        final String secret = settings.get(prefix + "secret", null);
        final String apiKey = settings.get(prefix + "apikey", null);
        final List<String> allow = new ArrayList<>();
        for (final String entry : settings.getList(prefix + "ipAllowlist", ""))
        {
            if (entry.equalsIgnoreCase(TRADINGVIEW_PRESET))
            {
                allow.addAll(TRADINGVIEW_ADDRESSES);
            }
            else
            {
                allow.add(entry);
            }
        }
        final Set<String> allowlist = addresses(allow, prefix + "ipAllowlist");
        final IdempotencyRule defaultRule = type == SourceType.TRADINGVIEW ? IdempotencyRule.AUTO : IdempotencyRule.NONE;
        final String ruleText = settings.get(prefix + "idempotency", null);
        final IdempotencyRule rule = ruleText == null ? defaultRule :
            enumValue(IdempotencyRule.class, ruleText.replace('-', '_'), prefix + "idempotency");
        final String chat = settings.get(prefix + "telegramChat", null);
        switch (type)
        {
            case TRADINGVIEW:
                if ((secret == null || secret.isEmpty()) && allowlist.isEmpty())
                {
                    throw new IllegalArgumentException(prefix + "secret (or at least an ipAllowlist) is required for a TradingView source");
                }
                if (secret != null && !secret.matches("[A-Za-z0-9._~-]{8,128}"))
                {
                    throw new IllegalArgumentException(prefix + "secret must be 8-128 URL-safe characters (A-Z a-z 0-9 . _ ~ -)");
                }
                break;
            case OPENALGO:
                if (apiKey == null || apiKey.length() < 16)
                {
                    throw new IllegalArgumentException(prefix + "apikey of at least 16 characters is required for an OpenAlgo source");
                }
                break;
            case TELEGRAM:
                if (chat == null || !(chat.matches("-?[0-9]{1,20}") || chat.matches("@[A-Za-z0-9_]{4,64}")))
                {
                    throw new IllegalArgumentException(prefix + "telegramChat must be a chat id or @username");
                }
                break;
            default:
                break;
        }
        return new Source(name, type, account,
            secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8),
            apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8),
            allowlist, rule, chat);
    }

    // Literal IP addresses only (no host names, so nothing is resolved), normalised to their canonical text.
    private static Set<String> addresses(final List<String> entries, final String key)
    {
        final Set<String> set = new LinkedHashSet<>();
        for (final String entry : entries)
        {
            if (!entry.matches("[0-9.]+|[0-9A-Fa-f:]+"))
            {
                throw new IllegalArgumentException(key + " holds IP addresses (or the tradingview preset), was '" + entry + "'");
            }
            set.add(normalise(entry, key));
        }
        return Collections.unmodifiableSet(set);
    }

    /**
     * The canonical text of a literal IP address.
     *
     * @param address text.
     * @param key     setting for the error message.
     * @return canonical text.
     */
    static String normalise(final String address, final String key)
    {
        try
        {
            return InetAddress.getByName(address).getHostAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(key + " holds an invalid IP address '" + address + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(final Class<E> type, final String text, final String key)
    {
        try
        {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(key + " has an unknown value '" + text + "'");
        }
    }

    /** @return every configured source. */
    public List<Source> sources()
    {
        return sources;
    }

    /**
     * Sources of one type.
     *
     * @param type the type.
     * @return them, in configuration order.
     */
    public List<Source> sources(final SourceType type)
    {
        final List<Source> list = new ArrayList<>();
        for (final Source source : sources)
        {
            if (source.type() == type)
            {
                list.add(source);
            }
        }
        return list;
    }

    /** @return proxies whose X-Forwarded-For header is believed. */
    public Set<String> trustedProxies()
    {
        return trustedProxies;
    }

    /** @return how Telegram updates arrive. */
    public TelegramMode telegramMode()
    {
        return telegramMode;
    }

    /** @return the bot token, or null (never log it). */
    public String telegramToken()
    {
        return telegramToken;
    }

    /** @return the webhook secret token, or null. */
    public byte[] telegramWebhookSecret()
    {
        return telegramWebhookSecret;
    }

    /** @return Bot API base URL. */
    public URI telegramApiUrl()
    {
        return telegramApiUrl;
    }

    /** @return long-poll timeout. */
    public int telegramPollTimeoutSeconds()
    {
        return telegramPollTimeoutSeconds;
    }

    /** @return what Telegram signals are deduplicated by. */
    public TelegramDedup telegramDedup()
    {
        return telegramDedup;
    }

    /**
     * The Telegram source of a channel post's chat.
     *
     * @param chatId   chat id.
     * @param username chat username without '@', or null.
     * @return the source, or null when no source is configured for that chat.
     */
    public Source telegramSource(final long chatId, final String username)
    {
        final String id = Long.toString(chatId);
        for (final Source source : sources)
        {
            if (source.type() != SourceType.TELEGRAM)
            {
                continue;
            }
            final String chat = source.telegramChat();
            if (chat.equals(id) || (username != null && chat.startsWith("@") && chat.substring(1).equalsIgnoreCase(username)))
            {
                return source;
            }
        }
        return null;
    }

    public String toString()
    {
        return "IngestSettings{sources=" + sources + ", trustedProxies=" + trustedProxies + ", telegram=" + telegramMode + "}";
    }
}
