package io.sluice.admin.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * The per-connection pipeline: idle timeout, HTTP codec, body aggregation with the size limit, the API handler.
 */
public final class HttpApiInitializer extends ChannelInitializer<SocketChannel>
{
    /** Connections with no bytes for this long are closed. */
    static final int READ_TIMEOUT_SECONDS = 300;

    private final HttpApiHandler handler;
    private final int maxBodyBytes;

    /**
     * An initializer sharing one handler between connections.
     *
     * @param handler      the API handler.
     * @param maxBodyBytes largest accepted body.
     */
    public HttpApiInitializer(final HttpApiHandler handler, final int maxBodyBytes)
    {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
    }

    protected void initChannel(final SocketChannel ch)
    {
        final ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("readTimeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS));
        pipeline.addLast("codec", new HttpServerCodec());
        pipeline.addLast("aggregator", new JsonHttpObjectAggregator(maxBodyBytes));
        pipeline.addLast("api", handler);
    }
}
