package io.sluice.admin.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator with the 413 answer as the API's JSON error instead of an empty body.
 * <p>
 * Connection handling follows Netty's: a request announcing too large a Content-Length on a kept-alive
 * connection gets the 413 and its body is read and discarded, so the client can read the answer and reuse
 * the connection; a body that grows too large while streaming (chunked), or a request not kept alive, gets
 * the 413 with {@code Connection: close}.
 */
final class JsonHttpObjectAggregator extends HttpObjectAggregator
{
    private final int maxBodyBytes;

    JsonHttpObjectAggregator(final int maxBodyBytes)
    {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    protected Object newContinueResponse(final HttpMessage start, final int maxContentLength, final ChannelPipeline pipeline)
    {
        final Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse &&
            ((HttpResponse)response).status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
        {
            ReferenceCountUtil.release(response);
            return tooLarge(start, true);
        }
        return response;
    }

    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) throws Exception
    {
        if (oversized instanceof HttpRequest)
        {
            final boolean close = oversized instanceof FullHttpMessage ||
                (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
            ctx.writeAndFlush(tooLarge(oversized, !close))
                .addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
        }
        else
        {
            super.handleOversizedMessage(ctx, oversized);
        }
    }

    private Object tooLarge(final HttpMessage request, final boolean keepAlive)
    {
        final ApiResponse response = ApiResponse.error(new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "PAYLOAD_TOO_LARGE", "request body exceeds " + maxBodyBytes + " bytes", null));
        return HttpApiHandler.toHttpResponse(request.protocolVersion(), response, keepAlive);
    }
}
