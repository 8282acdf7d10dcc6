package io.sluice.bench.rig;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;
import org.agrona.collections.LongArrayQueue;

/**
 * A Netty HTTP/1.1 client for fixed-rate load on loopback: a fixed pool of keep-alive connections, each with
 * at most one request in flight (no pipelining), and a queue of requests that are due but have no free
 * connection yet — they wait, and that wait counts, because the response latency is recorded from the
 * request's intended send time. Everything but {@link #submit} runs on the client's one event-loop thread.
 */
public final class HttpLoadClient implements AutoCloseable
{
    private static final AttributeKey<Long> IN_FLIGHT = AttributeKey.valueOf("sluice.bench.index");
    private static final long CONNECT_TIMEOUT_MS = 5_000;

    private final InetSocketAddress address;
    private final String path;
    private final int expectedStatus;
    private final FixedRateSchedule schedule;
    private final long recordFromIndex;
    private final long recordBelowIndex;
    private final LongFunction<byte[]> bodies;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final List<Channel> channels = new ArrayList<>();
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final LongArrayQueue due = new LongArrayQueue();
    private final Histogram histogram = Latencies.histogram();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean frozen;
    private long lastRecordedNs;

    /**
     * Connect the pool.
     *
     * @param address          server on loopback.
     * @param connections      keep-alive connections.
     * @param path             request path.
     * @param expectedStatus   status that counts as success; anything else is an error.
     * @param schedule         intended send times.
     * @param recordFromIndex  first recorded request.
     * @param recordBelowIndex requests at or above this index (readiness probes) are never recorded.
     * @param bodies           the POST body of a request index.
     */
    public HttpLoadClient(
        final InetSocketAddress address,
        final int connections,
        final String path,
        final int expectedStatus,
        final FixedRateSchedule schedule,
        final long recordFromIndex,
        final long recordBelowIndex,
        final LongFunction<byte[]> bodies)
    {
        this.address = address;
        this.path = path;
        this.expectedStatus = expectedStatus;
        this.schedule = schedule;
        this.recordFromIndex = recordFromIndex;
        this.recordBelowIndex = recordBelowIndex;
        this.bodies = bodies;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-http-client"), NioIoHandler.newFactory());
        this.loop = group.next();
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)CONNECT_TIMEOUT_MS)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new ResponseHandler());
                }
            });
        try
        {
            for (int i = 0; i < connections; i++)
            {
                channels.add(bootstrap.connect(address).syncUninterruptibly().channel());
            }
            loop.submit(() -> idle.addAll(channels)).syncUninterruptibly();
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Queue request number {@code index} for sending now; callable from any thread.
     *
     * @param index request index.
     * @return always true (requests queue; they are never refused).
     */
    public boolean submit(final long index)
    {
        loop.execute(() ->
        {
            due.addLong(index);
            dispatch();
        });
        return true;
    }

    private void dispatch()
    {
        while (!idle.isEmpty() && !due.isEmpty())
        {
            final Channel channel = idle.poll();
            final long index = due.pollLong();
            final byte[] body = bodies.apply(index);
            final FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            request.headers()
                .set(HttpHeaderNames.HOST, address.getHostString() + ":" + address.getPort())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            channel.attr(IN_FLIGHT).set(index);
            channel.writeAndFlush(request);
        }
    }

    private void onResponse(final Channel channel, final FullHttpResponse response)
    {
        final long nowNs = System.nanoTime();
        final Long index = channel.attr(IN_FLIGHT).getAndSet(null);
        if (index != null && index >= recordFromIndex && index < recordBelowIndex && !frozen)
        {
            Latencies.record(histogram, nowNs - schedule.latencyStartNs(index));
            lastRecordedNs = nowNs;
        }
        if (response.status().code() != expectedStatus)
        {
            errors.incrementAndGet();
        }
        responses.lazySet(responses.get() + 1);
        idle.add(channel);
        dispatch();
    }

    /**
     * Stop recording and return once the event loop has acknowledged; the histogram is then stable.
     */
    public void freeze()
    {
        frozen = true;
        loop.submit(() -> { }).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Responses received (any status), readable from any thread. */
    public long responses()
    {
        return responses.get();
    }

    /** Responses with another status than expected, and connections lost. */
    public long errors()
    {
        return errors.get();
    }

    /** Response latencies from intended send time; read after {@link #freeze()}. */
    public Histogram histogram()
    {
        return histogram;
    }

    /** When the last recorded response arrived; read after {@link #freeze()}. */
    public long lastRecordedNs()
    {
        return lastRecordedNs;
    }

    public void close()
    {
        for (final Channel channel : channels)
        {
            channel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            onResponse(ctx.channel(), response);
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            // A connection the server closed is lost to the pool; its request, if any, counts as an error.
            idle.remove(ctx.channel());
            if (ctx.channel().attr(IN_FLIGHT).getAndSet(null) != null)
            {
                errors.incrementAndGet();
            }
            ctx.fireChannelInactive();
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            errors.incrementAndGet();
            ctx.close();
        }
    }
}
