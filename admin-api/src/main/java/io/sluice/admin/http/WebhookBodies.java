package io.sluice.admin.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Edge checks and rewriting of webhook bodies before they are published: content types, UTF-8 text without
 * binary, JSON with bounded nesting, secrets blanked so they never reach the journal, and dedup hashes.
 */
final class WebhookBodies
{
    /** Deepest JSON nesting accepted at the edge (the engine's parsers allow 32). */
    static final int MAX_JSON_DEPTH = 16;
    /** Members whose string values are blanked in any JSON body, at any depth. */
    static final List<String> SECRET_MEMBERS = List.of("secret", "passphrase", "apikey", "api_key", "token", "password");

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
        .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private WebhookBodies()
    {
    }

    /** Media type of a body the caller accepts. */
    enum Media
    {
        JSON, TEXT
    }

    /**
     * The media type of a request: JSON or plain text in UTF-8 only.
     *
     * @param contentType header value, or null.
     * @param allowText   whether text/plain is accepted.
     * @return the type.
     * @throws ApiException 415 for anything else.
     */
    static Media media(final String contentType, final boolean allowText)
    {
        final String expected = allowText ? "application/json or text/plain" : "application/json";
        if (contentType == null || contentType.isBlank())
        {
            throw ApiException.unsupportedMediaType("Content-Type must be " + expected);
        }
        final String[] parts = contentType.split(";");
        final String type = parts[0].trim().toLowerCase(Locale.ROOT);
        final Media media;
        if (type.equals("application/json"))
        {
            media = Media.JSON;
        }
        else if (allowText && type.equals("text/plain"))
        {
            media = Media.TEXT;
        }
        else
        {
            throw ApiException.unsupportedMediaType("Content-Type must be " + expected + ", was '" + StrictJson.truncate(type) + "'");
        }
        for (int i = 1; i < parts.length; i++)
        {
            final String parameter = parts[i].trim();
            final int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset"))
            {
                final String charset = parameter.substring(equals + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8"))
                {
                    throw ApiException.unsupportedMediaType("bodies must be UTF-8, charset was '" + StrictJson.truncate(charset) + "'");
                }
            }
        }
        return media;
    }

    /**
     * Refuse empty bodies, invalid UTF-8, a byte order mark and control characters other than tab and line breaks.
     *
     * @param body request bytes.
     * @return the text.
     * @throws ApiException 400.
     */
    static String requireText(final byte[] body)
    {
        if (body.length == 0)
        {
            throw ApiException.unparseable("body is empty");
        }
        if (body.length >= 3 && body[0] == (byte)0xEF && body[1] == (byte)0xBB && body[2] == (byte)0xBF)
        {
            throw ApiException.unparseable("body must not start with a byte order mark");
        }
        final String text;
        try
        {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw ApiException.unparseable("body is not valid UTF-8");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            {
                throw ApiException.unparseable("body holds control characters (binary data is not a signal)");
            }
        }
        if (text.isBlank())
        {
            throw ApiException.unparseable("body is blank");
        }
        return text;
    }

    /**
     * Parse a JSON body that must be one object, with bounded nesting.
     *
     * @param body request bytes (already checked as text).
     * @return the tree.
     * @throws ApiException 400.
     */
    static JsonNode object(final byte[] body)
    {
        final JsonNode node = parseOrNull(body);
        if (node == null)
        {
            throw ApiException.unparseable("malformed JSON (or nesting deeper than " + MAX_JSON_DEPTH + " levels)");
        }
        if (!node.isObject())
        {
            throw ApiException.unparseable("body must be a JSON object");
        }
        return node;
    }

    /**
     * Parse JSON, or null when the body is not well-formed JSON within the depth bound.
     *
     * @param body request bytes.
     * @return the tree, or null.
     */
    static JsonNode parseOrNull(final byte[] body)
    {
        try (JsonParser parser = FACTORY.createParser(body))
        {
            final JsonNode node = MAPPER.readTree(parser);
            if (node == null || parser.nextToken() != null)
            {
                return null;
            }
            return node;
        }
        catch (final JsonProcessingException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * A copy of a JSON body with the string values of secret members blanked ({@code "secret":""}), at any depth,
     * every other byte unchanged.
     *
     * @param body well-formed JSON.
     * @return the blanked copy.
     */
    static byte[] blankJsonSecrets(final byte[] body)
    {
        final List<long[]> cuts = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body))
        {
            JsonToken token;
            while ((token = parser.nextToken()) != null)
            {
                if (token == JsonToken.FIELD_NAME && SECRET_MEMBERS.contains(parser.currentName().toLowerCase(Locale.ROOT)))
                {
                    if (parser.nextToken() == JsonToken.VALUE_STRING)
                    {
                        final long start = parser.currentTokenLocation().getByteOffset();
                        parser.getText();
                        final long end = parser.currentLocation().getByteOffset();
                        cuts.add(new long[] {start + 1, end - 1});
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw ApiException.unparseable("malformed JSON");
        }
        if (cuts.isEmpty())
        {
            return body;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int from = 0;
        for (final long[] cut : cuts)
        {
            out.write(body, from, (int)cut[0] - from);
            from = (int)cut[1];
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    /**
     * A copy of a PineConnector alert with the value of its {@code secret=} parameter blanked.
     *
     * @param text the alert.
     * @return the blanked text.
     */
    static String blankPineSecret(final String text)
    {
        return text.replaceAll("(?i)(^|,)(\\s*secret\\s*=)[^,]*", "$1$2");
    }

    /**
     * The value of a PineConnector {@code secret=} parameter.
     *
     * @param text the alert.
     * @return the value, or null.
     */
    static String pineSecret(final String text)
    {
        for (final String part : text.split(","))
        {
            final int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase("secret"))
            {
                return part.substring(equals + 1).trim();
            }
        }
        return null;
    }

    /**
     * Whether a text looks like a PineConnector alert (license digits, a comma, a known command), as the engine decides.
     *
     * @param text the body.
     * @return true when it does.
     */
    static boolean looksLikePineConnector(final String text)
    {
        final String[] parts = text.trim().split(",", 3);
        if (parts.length < 2 || !parts[0].trim().matches("[0-9]{1,32}"))
        {
            return false;
        }
        switch (parts[1].trim().toLowerCase(Locale.ROOT))
        {
            case "buy":
            case "sell":
            case "long":
            case "short":
            case "bull":
            case "bear":
            case "buylimit":
            case "buystop":
            case "selllimit":
            case "sellstop":
            case "closelong":
            case "closeshort":
            case "closeall":
            case "cancellong":
            case "cancelshort":
            case "newsltplong":
            case "newsltpshort":
            case "eaon":
            case "eaoff":
                return true;
            default:
                return false;
        }
    }

    /**
     * First 16 hex digits of the SHA-256 of a source name and a body: the body-hash dedup key.
     *
     * @param source source name.
     * @param body   the published (blanked) body.
     * @return hex.
     */
    static String hash(final String source, final byte[] body)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(source.getBytes(StandardCharsets.UTF_8));
            digest.update((byte)0);
            final byte[] hash = digest.digest(body);
            final StringBuilder sb = new StringBuilder(16);
            for (int i = 0; i < 8; i++)
            {
                sb.append(Character.forDigit((hash[i] >> 4) & 0xF, 16)).append(Character.forDigit(hash[i] & 0xF, 16));
            }
            return sb.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Printable ASCII of at most a length, other characters replaced by '_', for ids and keys built from client text.
     *
     * @param text   client text.
     * @param length maximum length.
     * @return the safe text.
     */
    static String ascii(final String text, final int length)
    {
        final StringBuilder sb = new StringBuilder(Math.min(text.length(), length));
        for (int i = 0; i < text.length() && sb.length() < length; i++)
        {
            final char c = text.charAt(i);
            sb.append(c >= 0x21 && c <= 0x7E ? c : '_');
        }
        return sb.toString();
    }

    /**
     * An identifier the engine accepts as a signal id ([A-Za-z0-9._:-], 1..64), or null.
     *
     * @param node a JSON value.
     * @return the id, or null.
     */
    static String identifier(final JsonNode node)
    {
        if (node == null || !node.isTextual())
        {
            return null;
        }
        final String text = node.asText();
        return text.matches("[A-Za-z0-9._:-]{1,64}") ? text : null;
    }

    static ApiException unauthorized(final String message)
    {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, "AUTH_FAILED", message, null);
    }

    static ApiException forbidden(final String message)
    {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "IP_NOT_ALLOWED", message, null);
    }
}
