package io.sluice.admin.http;

import java.util.Locale;

/**
 * Content-Type checks: request bodies must be {@code application/json}, optionally with {@code charset=utf-8}.
 */
final class MediaTypes
{
    static final String APPLICATION_JSON = "application/json";

    private MediaTypes()
    {
    }

    /**
     * Refuse any Content-Type but JSON in UTF-8.
     *
     * @param contentType header value, or null.
     * @throws ApiException 415 UNSUPPORTED_MEDIA_TYPE.
     */
    static void requireJson(final String contentType)
    {
        if (contentType == null || contentType.isBlank())
        {
            throw ApiException.unsupportedMediaType("Content-Type must be application/json");
        }
        final String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(APPLICATION_JSON))
        {
            throw ApiException.unsupportedMediaType(
                "Content-Type must be application/json, was '" + StrictJson.truncate(contentType) + "'");
        }
        for (int i = 1; i < parts.length; i++)
        {
            final String parameter = parts[i].trim();
            final int equals = parameter.indexOf('=');
            if (equals < 0)
            {
                continue;
            }
            final String name = parameter.substring(0, equals).trim();
            String value = parameter.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
            {
                value = value.substring(1, value.length() - 1);
            }
            if (name.equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8") && !value.equalsIgnoreCase("utf8"))
            {
                throw ApiException.unsupportedMediaType("JSON bodies must be UTF-8, charset was '" + StrictJson.truncate(value) + "'");
            }
        }
    }
}
