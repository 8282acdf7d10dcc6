package io.sluice.admin.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Writing answers from pipeline handlers: JSON bodies (errors in the API's {@code {"error":{…}}} shape), text and
 * bytes, honouring keep-alive.
 */
public final class HttpReplies
{
    /** The API's JSON writer. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpReplies()
    {
    }

    /**
     * The error body.
     *
     * @param code    machine-readable code.
     * @param message readable text.
     * @param field   offending field or null.
     * @return the tree.
     */
    public static ObjectNode error(final String code, final String message, final String field)
    {
        final ObjectNode root = MAPPER.createObjectNode();
        final ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return root;
    }

    /**
     * Write a JSON error answer.
     *
     * @param ctx     channel.
     * @param request the request answered.
     * @param status  status.
     * @param code    error code.
     * @param message text.
     * @param headers extra headers.
     */
    public static void error(
        final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpResponseStatus status, final String code,
        final String message, final Map<String, String> headers)
    {
        json(ctx, request, status, error(code, message, null), headers);
    }

    /**
     * Write a JSON answer.
     *
     * @param ctx     channel.
     * @param request the request answered.
     * @param status  status.
     * @param body    JSON.
     * @param headers extra headers.
     */
    public static void json(
        final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpResponseStatus status, final JsonNode body,
        final Map<String, String> headers)
    {
        try
        {
            bytes(ctx, request, status, "application/json", MAPPER.writeValueAsBytes(body), headers);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Write a text answer.
     *
     * @param ctx         channel.
     * @param request     the request answered.
     * @param status      status.
     * @param contentType media type.
     * @param text        body.
     * @param headers     extra headers.
     */
    public static void text(
        final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpResponseStatus status, final String contentType,
        final String text, final Map<String, String> headers)
    {
        bytes(ctx, request, status, contentType, text.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Write a byte answer and close afterwards unless kept alive.
     *
     * @param ctx         channel.
     * @param request     the request answered.
     * @param status      status.
     * @param contentType media type.
     * @param body        bytes.
     * @param headers     extra headers.
     */
    public static void bytes(
        final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpResponseStatus status, final String contentType,
        final byte[] body, final Map<String, String> headers)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final boolean head = "HEAD".equals(request.method().name());
        final FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((name, value) -> response.headers().set(name, value));
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }
}
