package io.sluice.admin.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API answers with an error body {@code {"error":{"code":…,"message":…,"field":…}}}.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;
    private final String field;
    private final String allow;

    /**
     * An error answer.
     *
     * @param status  HTTP status.
     * @param code    machine-readable code, e.g. INVALID_FIELD.
     * @param message readable text.
     * @param field   offending field, or null.
     */
    public ApiException(final HttpResponseStatus status, final String code, final String message, final String field)
    {
        this(status, code, message, field, null);
    }

    private ApiException(
        final HttpResponseStatus status, final String code, final String message, final String field, final String allow)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.allow = allow;
    }

    static ApiException unparseable(final String message)
    {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "UNPARSEABLE", message, null);
    }

    static ApiException unparseable(final String message, final String field)
    {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "UNPARSEABLE", message, field);
    }

    static ApiException invalidField(final String field, final String message)
    {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "INVALID_FIELD", message, field);
    }

    static ApiException notFound(final String message)
    {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", message, null);
    }

    static ApiException methodNotAllowed(final String method, final String allow)
    {
        return new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
            method + " is not allowed here; use " + allow, null, allow);
    }

    static ApiException unsupportedMediaType(final String message)
    {
        return new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", message, null);
    }

    static ApiException engineUnavailable(final String message)
    {
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "ENGINE_UNAVAILABLE", message, null);
    }

    /**
     * HTTP status of the answer.
     *
     * @return the value.
     */
    public HttpResponseStatus status()
    {
        return status;
    }

    /**
     * Machine-readable error code.
     *
     * @return the value.
     */
    public String code()
    {
        return code;
    }

    /**
     * The offending field, or null.
     *
     * @return the value.
     */
    public String field()
    {
        return field;
    }

    /**
     * Methods the resource allows, for 405 answers.
     *
     * @return the Allow header value, or null.
     */
    public String allow()
    {
        return allow;
    }
}
