package io.sluice.admin.http;

import java.nio.charset.StandardCharsets;

import io.sluice.protocol.Fixed;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Checks of single JSON members shared by the request types; each failure names the field.
 */
final class Fields
{
    private Fields()
    {
    }

    /**
     * A string of 1..maxLength characters from [A-Za-z0-9._:-], plus '/' when allowed (the engine's identifier set).
     *
     * @return the value, or null when absent and not required.
     */
    static String identifier(
        final StrictJson.Member member, final String field, final int maxLength, final boolean allowSlash, final boolean required)
    {
        final String allowed = allowSlash ? "letters, digits and . _ : - /" : "letters, digits and . _ : -";
        final String message = field + " must be a string of 1 to " + maxLength + " characters (" + allowed + ")";
        if (member == null)
        {
            if (required)
            {
                throw ApiException.invalidField(field, field + " is required");
            }
            return null;
        }
        if (member.kind() != StrictJson.Kind.STRING || member.escaped())
        {
            throw ApiException.invalidField(field, message);
        }
        final String text = member.text();
        if (text.isEmpty() || text.length() > maxLength)
        {
            throw ApiException.invalidField(field, message);
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == ':' || c == '-' || (allowSlash && c == '/');
            if (!ok)
            {
                throw ApiException.invalidField(field, message);
            }
        }
        return text;
    }

    /**
     * A string written without escapes (enumerations).
     *
     * @return the value, or null when absent and not required.
     */
    static String plainString(final StrictJson.Member member, final String field, final boolean required, final String message)
    {
        if (member == null)
        {
            if (required)
            {
                throw ApiException.invalidField(field, field + " is required");
            }
            return null;
        }
        if (member.kind() != StrictJson.Kind.STRING || member.escaped())
        {
            throw ApiException.invalidField(field, message);
        }
        return member.text();
    }

    /**
     * A decimal greater than zero with at most 8 places and no exponent, given as a JSON number or a numeric
     * string; JSON null means absent, as the engine reads it.
     *
     * @return the fixed-point value, or Fixed.NULL when absent and not required.
     */
    static long positiveDecimal(final StrictJson.Member member, final String field, final boolean required)
    {
        if (member == null || member.kind() == StrictJson.Kind.NULL)
        {
            if (required)
            {
                throw ApiException.invalidField(field, field + " is required");
            }
            return Fixed.NULL;
        }
        if ((member.kind() != StrictJson.Kind.NUMBER && member.kind() != StrictJson.Kind.STRING) || member.escaped())
        {
            throw ApiException.invalidField(field, field + " must be a decimal number (JSON number or numeric string)");
        }
        final String text = member.text();
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final long value = Fixed.parse(new UnsafeBuffer(bytes), 0, bytes.length);
        if (value == Fixed.PARSE_ERROR)
        {
            if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0)
            {
                throw ApiException.invalidField(field, field + " must be a plain decimal without an exponent");
            }
            final int dot = text.indexOf('.');
            if (dot >= 0 && text.length() - dot - 1 > Fixed.DECIMALS && text.substring(dot + 1).chars().allMatch(Character::isDigit))
            {
                throw ApiException.invalidField(field, field + " must have at most " + Fixed.DECIMALS + " decimal places");
            }
            throw ApiException.invalidField(field, field + " must be a decimal number");
        }
        if (value <= 0)
        {
            throw ApiException.invalidField(field, field + " must be greater than zero");
        }
        return value;
    }
}
