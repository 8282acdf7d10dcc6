package io.sluice.admin.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.sluice.admin.security.SecurityHandler;
import org.agrona.ErrorHandler;

/**
 * Turns each aggregated HTTP request into an {@link ApiRequest}, lets {@link ApiRoutes} answer it and writes
 * the JSON response, keeping the connection alive when the client asked for it.
 */
@ChannelHandler.Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final ApiRoutes routes;
    private final ErrorHandler errorHandler;

    /**
     * A handler answering through the routes.
     *
     * @param routes       the API.
     * @param errorHandler receives unexpected channel failures.
     */
    public HttpApiHandler(final ApiRoutes routes, final ErrorHandler errorHandler)
    {
        this.routes = routes;
        this.errorHandler = errorHandler;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (request.decoderResult().isFailure())
        {
            final ApiResponse response = ApiResponse.error(new ApiException(
                HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "malformed HTTP request", null));
            write(ctx, HttpVersion.HTTP_1_1, response, false);
            return;
        }
        final ApiRequest apiRequest = toApiRequest(request, ctx.channel().remoteAddress());
        final java.util.concurrent.CompletableFuture<ApiResponse> later = routes.deferred(apiRequest);
        if (later != null)
        {
            // Answered when the engine has (a dry run): the event loop is not held meanwhile.
            final HttpVersion version = request.protocolVersion();
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            later.thenAccept(response -> ctx.executor().execute(() -> write(ctx, version, response, keepAlive)));
            return;
        }
        final ApiResponse response = routes.handle(apiRequest);
        write(ctx, request.protocolVersion(), response, HttpUtil.isKeepAlive(request));
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (!(cause instanceof IOException) && !(cause instanceof ReadTimeoutException))
        {
            errorHandler.onError(cause);
        }
        ctx.close();
    }

    static ApiRequest toApiRequest(final FullHttpRequest request)
    {
        return toApiRequest(request, null);
    }

    static ApiRequest toApiRequest(final FullHttpRequest request, final java.net.SocketAddress remote)
    {
        final QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        final String rawPath = decoder.rawPath();
        final List<String> segments = new ArrayList<>();
        final String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        for (final String segment : trimmed.split("/", -1))
        {
            segments.add(QueryStringDecoder.decodeComponent(segment));
        }
        return new ApiRequest(
            request.method().name(),
            rawPath,
            List.copyOf(segments),
            decoder.parameters(),
            request.headers().get(HttpHeaderNames.CONTENT_TYPE),
            ByteBufUtil.getBytes(request.content()),
            headers(request),
            remote instanceof java.net.InetSocketAddress ? ((java.net.InetSocketAddress)remote).getAddress().getHostAddress() : null,
            request.headers().get(SecurityHandler.ACTOR_HEADER));
    }

    private static Map<String, String> headers(final FullHttpRequest request)
    {
        final Map<String, String> headers = new java.util.HashMap<>();
        for (final Map.Entry<String, String> header : request.headers())
        {
            headers.putIfAbsent(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue());
        }
        return headers;
    }

    /**
     * Write a JSON response and close the connection afterwards unless it is kept alive.
     *
     * @param ctx       channel context.
     * @param version   protocol version of the request.
     * @param response  the answer.
     * @param keepAlive whether the connection stays open.
     * @return the write future.
     */
    static ChannelFuture write(
        final ChannelHandlerContext ctx, final HttpVersion version, final ApiResponse response, final boolean keepAlive)
    {
        final FullHttpResponse http = toHttpResponse(version, response, keepAlive);
        final ChannelFuture future = ctx.writeAndFlush(http);
        future.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
        return future;
    }

    static FullHttpResponse toHttpResponse(final HttpVersion version, final ApiResponse response, final boolean keepAlive)
    {
        final byte[] json = Json.bytes(response.body());
        final FullHttpResponse http = new DefaultFullHttpResponse(version, response.status(), Unpooled.wrappedBuffer(json));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        for (final Map.Entry<String, String> header : response.headers().entrySet())
        {
            http.headers().set(header.getKey(), header.getValue());
        }
        HttpUtil.setKeepAlive(http, keepAlive);
        return http;
    }
}
