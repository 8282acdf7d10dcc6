package io.sluice.admin.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * The per-connection pipeline: idle timeout, TLS when configured, HTTP codec, the handler that sees every answer,
 * body aggregation with the size limit, the handlers in front of the API (security gate, audit, operator
 * endpoints), the API handler.
 */
public final class HttpApiInitializer extends ChannelInitializer<SocketChannel>
{
    /** Connections with no bytes for this long are closed. */
    static final int READ_TIMEOUT_SECONDS = 300;

    private final HttpApiHandler handler;
    private final int maxBodyBytes;
    private final SslContext sslContext;
    private final ChannelHandler afterCodec;
    private final ChannelHandler[] beforeApi;

    /**
     * An initializer sharing one handler between connections.
     *
     * @param handler      the API handler.
     * @param maxBodyBytes largest accepted body.
     */
    public HttpApiInitializer(final HttpApiHandler handler, final int maxBodyBytes)
    {
        this(handler, maxBodyBytes, null, null);
    }

    /**
     * An initializer with TLS and handlers around the API; all handlers given must be sharable.
     *
     * @param handler      the API handler.
     * @param maxBodyBytes largest accepted body.
     * @param sslContext   TLS context, or null for plain HTTP.
     * @param afterCodec   a handler right after the HTTP codec (sees every response), or null.
     * @param beforeApi    handlers between the aggregator and the API handler, in order.
     */
    public HttpApiInitializer(
        final HttpApiHandler handler, final int maxBodyBytes, final SslContext sslContext, final ChannelHandler afterCodec,
        final ChannelHandler... beforeApi)
    {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.sslContext = sslContext;
        this.afterCodec = afterCodec;
        this.beforeApi = beforeApi;
    }

    protected void initChannel(final SocketChannel ch)
    {
        final ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("readTimeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS));
        if (sslContext != null)
        {
            pipeline.addLast("tls", sslContext.newHandler(ch.alloc()));
        }
        pipeline.addLast("codec", new HttpServerCodec());
        if (afterCodec != null)
        {
            pipeline.addLast("responses", afterCodec);
        }
        pipeline.addLast("aggregator", new JsonHttpObjectAggregator(maxBodyBytes));
        for (int i = 0; i < beforeApi.length; i++)
        {
            pipeline.addLast("beforeApi" + i, beforeApi[i]);
        }
        pipeline.addLast("api", handler);
    }
}
