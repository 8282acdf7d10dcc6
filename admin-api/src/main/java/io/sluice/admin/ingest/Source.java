package io.sluice.admin.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * One configured signal source as the API sees it: how it authenticates, which addresses may send, which
 * account its signals are for and how they are deduplicated. Secrets are held as bytes, compared in constant
 * time and never printed.
 *
 * @param name         source name: the RawSignal channel, which selects the engine's parse settings.
 * @param type         how the source reaches the API.
 * @param account      account its signals trade, or empty to take the account the body names.
 * @param secret       TradingView webhook secret, or null.
 * @param apiKey       OpenAlgo API key, or null.
 * @param ipAllowlist  addresses allowed to send (empty: any).
 * @param idempotency  how dedup keys are made.
 * @param telegramChat Telegram chat id ("-1001234567890") or "@username" of the channel, or null.
 */
public record Source(
    String name,
    SourceType type,
    String account,
    byte[] secret,
    byte[] apiKey,
    Set<String> ipAllowlist,
    IdempotencyRule idempotency,
    String telegramChat)
{
    /**
     * Whether a presented secret is this source's webhook secret (constant time).
     *
     * @param presented the secret from the path or body.
     * @return true when equal.
     */
    public boolean secretMatches(final String presented)
    {
        return secret != null && presented != null &&
            MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a presented key is this source's OpenAlgo API key (constant time).
     *
     * @param presented the apikey member.
     * @return true when equal.
     */
    public boolean apiKeyMatches(final String presented)
    {
        return apiKey != null && presented != null &&
            MessageDigest.isEqual(apiKey, presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether an address may send for this source.
     *
     * @param address client IP.
     * @return true when the allowlist is empty or holds it.
     */
    public boolean allows(final String address)
    {
        return ipAllowlist.isEmpty() || (address != null && ipAllowlist.contains(address));
    }

    public boolean equals(final Object other)
    {
        return this == other;
    }

    public int hashCode()
    {
        return System.identityHashCode(this);
    }

    public String toString()
    {
        return "Source{" + name + ", " + type + ", account=" + account + ", secret=" + (secret != null ? "set" : "none") +
            ", apiKey=" + (apiKey != null ? "set" : "none") + ", ipAllowlist=" + ipAllowlist + ", idempotency=" + idempotency +
            ", telegramChat=" + telegramChat + "}";
    }
}
