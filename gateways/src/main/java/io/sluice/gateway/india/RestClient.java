package io.sluice.gateway.india;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of a REST broker: one OkHttp connection pool and dispatcher, requests sent asynchronously, answers
 * read and parsed on OkHttp's threads and handed to the agent through a queue that {@link #drain} empties on the duty
 * cycle, so the agent never blocks on the network and is the only thread that publishes.
 * <p>
 * OkHttp's silent retry on connection failure and redirects are off: a place that may have reached the broker is
 * never sent twice by the transport. Order entry gets a short call timeout, queries a longer one, master downloads the
 * longest.
 */
public final class RestClient implements AutoCloseable
{
    private final OkHttpClient base;
    private final OkHttpClient orders;
    private final OkHttpClient queries;
    private final OkHttpClient downloads;
    private final Queue<Completion<?>> completions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * A client.
     *
     * @param orderTimeoutMs    call timeout of place, modify and cancel.
     * @param queryTimeoutMs    call timeout of other requests.
     * @param downloadTimeoutMs call timeout of instrument downloads.
     */
    public RestClient(final long orderTimeoutMs, final long queryTimeoutMs, final long downloadTimeoutMs)
    {
        final Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(64);
        dispatcher.setMaxRequestsPerHost(16);
        base = new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(Math.min(orderTimeoutMs, 5_000), TimeUnit.MILLISECONDS)
            .build();
        orders = base.newBuilder().callTimeout(orderTimeoutMs, TimeUnit.MILLISECONDS).build();
        queries = base.newBuilder().callTimeout(queryTimeoutMs, TimeUnit.MILLISECONDS).build();
        downloads = base.newBuilder().callTimeout(downloadTimeoutMs, TimeUnit.MILLISECONDS)
            .readTimeout(downloadTimeoutMs, TimeUnit.MILLISECONDS).build();
    }

    /**
     * Send a call; its handler runs later on the agent thread inside {@link #drain}.
     *
     * @param call    the call.
     * @param handler receives the result.
     * @param <T>     value type.
     */
    public <T> void submit(final BrokerCall<T> call, final ResultHandler<T> handler)
    {
        final OkHttpClient client = call.endpoint() == Endpoint.INSTRUMENTS ? downloads :
            call.endpoint().isOrderEntry() ? orders : queries;
        inFlight.incrementAndGet();
        client.newCall(call.request()).enqueue(new Callback()
        {
            public void onFailure(final Call httpCall, final IOException ex)
            {
                complete(handler, CallResult.failed(classify(ex), "HTTP " + call.endpoint() + " failed: " + describe(ex)));
            }

            public void onResponse(final Call httpCall, final Response response)
            {
                complete(handler, parse(call, response));
            }
        });
    }

    /**
     * Run the handlers of completed calls; call on the agent thread.
     *
     * @param nowNs epoch nanoseconds of this duty cycle.
     * @return handlers run.
     */
    public int drain(final long nowNs)
    {
        int work = 0;
        Completion<?> completion;
        while ((completion = completions.poll()) != null)
        {
            completion.run(nowNs);
            work++;
        }
        return work;
    }

    /**
     * Calls sent whose handler has not run yet.
     *
     * @return count.
     */
    public int inFlight()
    {
        return inFlight.get();
    }

    /**
     * Cancel calls in flight and release the pool's threads and connections.
     */
    public void close()
    {
        base.dispatcher().cancelAll();
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }

    private <T> void complete(final ResultHandler<T> handler, final CallResult<T> result)
    {
        completions.add(new Completion<>(handler, result));
    }

    private static <T> CallResult<T> parse(final BrokerCall<T> call, final Response response)
    {
        try (response)
        {
            final ResponseBody body = response.body();
            if (call.streamParser() != null && response.code() >= 200 && response.code() < 300)
            {
                try (InputStream in = body.byteStream())
                {
                    return CallResult.ok(call.streamParser().parse(in));
                }
            }
            final HttpAnswer answer = new HttpAnswer(response.code(), body.string());
            if (call.streamParser() != null)
            {
                return CallResult.failed(response.code() == 429 ? FailureKind.RATE_LIMITED : FailureKind.UNKNOWN,
                    "HTTP " + response.code() + " " + answer.snippet());
            }
            return CallResult.ok(call.answerParser().parse(answer));
        }
        catch (final BrokerException ex)
        {
            return CallResult.failed(ex.kind(), ex.getMessage());
        }
        catch (final IOException ex)
        {
            return CallResult.failed(FailureKind.UNKNOWN, "HTTP " + call.endpoint() + " answer unreadable: " + describe(ex));
        }
        catch (final RuntimeException ex)
        {
            return CallResult.failed(FailureKind.UNKNOWN, "HTTP " + call.endpoint() + " answer not understood: " + describe(ex));
        }
    }

    // A connection that was never made proves the broker saw nothing; anything later (timeouts included) does not.
    private static FailureKind classify(final IOException ex)
    {
        if (ex instanceof ConnectException || ex instanceof UnknownHostException || ex instanceof NoRouteToHostException)
        {
            return FailureKind.NOT_SENT;
        }
        return FailureKind.UNKNOWN;
    }

    private static String describe(final Exception ex)
    {
        final String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Receives a call's result on the agent thread.
     *
     * @param <T> value type.
     */
    @FunctionalInterface
    public interface ResultHandler<T>
    {
        /**
         * The result.
         *
         * @param result value or failure.
         * @param nowNs  epoch nanoseconds of the duty cycle.
         */
        void onResult(CallResult<T> result, long nowNs);
    }

    private final class Completion<T>
    {
        private final ResultHandler<T> handler;
        private final CallResult<T> result;

        Completion(final ResultHandler<T> handler, final CallResult<T> result)
        {
            this.handler = handler;
            this.result = result;
        }

        void run(final long nowNs)
        {
            inFlight.decrementAndGet();
            handler.onResult(result, nowNs);
        }
    }
}
