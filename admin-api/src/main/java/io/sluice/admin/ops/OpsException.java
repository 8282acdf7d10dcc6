package io.sluice.admin.ops;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An operator endpoint's refusal, answered as {@code {"error":{"code","message","field"}}}.
 */
final class OpsException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;
    private final String field;

    OpsException(final HttpResponseStatus status, final String code, final String message, final String field)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static OpsException invalid(final String field, final String message)
    {
        return new OpsException(HttpResponseStatus.BAD_REQUEST, "INVALID_FIELD", message, field);
    }

    static OpsException notFound(final String message)
    {
        return new OpsException(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", message, null);
    }

    HttpResponseStatus status()
    {
        return status;
    }

    String code()
    {
        return code;
    }

    String field()
    {
        return field;
    }
}
