package io.sluice.admin.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;

/**
 * Frames from a stream subscriber: answers pings, closes on close; the stream is server-to-client, so anything
 * else is ignored.
 */
public final class StreamFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private final WebSocketServerHandshaker handshaker;

    /**
     * A handler for one connection.
     *
     * @param handshaker the connection's handshaker (for the close handshake).
     */
    public StreamFrameHandler(final WebSocketServerHandshaker handshaker)
    {
        this.handshaker = handshaker;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof CloseWebSocketFrame)
        {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame)frame.retain());
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
