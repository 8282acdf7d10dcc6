package io.sluice.gateway.india;

import okhttp3.Request;

import java.io.IOException;
import java.io.InputStream;

/**
 * One broker request ready to send, with the parser that turns its answer into a value or a classified
 * {@link BrokerException}; built by a broker mapping, sent by the {@link RestClient}, parsed on the HTTP thread.
 *
 * @param <T> the parsed value.
 */
public final class BrokerCall<T>
{
    private final Endpoint endpoint;
    private final Request request;
    private final AnswerParser<T> answerParser;
    private final StreamParser<T> streamParser;

    private BrokerCall(final Endpoint endpoint, final Request request, final AnswerParser<T> answerParser, final StreamParser<T> streamParser)
    {
        this.endpoint = endpoint;
        this.request = request;
        this.answerParser = answerParser;
        this.streamParser = streamParser;
    }

    /**
     * A request whose answer is read as text.
     *
     * @param endpoint kind of request.
     * @param request  the HTTP request.
     * @param parser   turns the answer into a value or throws a classified failure.
     * @param <T>      value type.
     * @return the call.
     */
    public static <T> BrokerCall<T> of(final Endpoint endpoint, final Request request, final AnswerParser<T> parser)
    {
        return new BrokerCall<>(endpoint, request, parser, null);
    }

    /**
     * A request whose (large) successful answer is parsed as a stream, e.g. an instrument master.
     *
     * @param endpoint kind of request.
     * @param request  the HTTP request.
     * @param parser   reads the body stream of a 2xx answer.
     * @param <T>      value type.
     * @return the call.
     */
    public static <T> BrokerCall<T> stream(final Endpoint endpoint, final Request request, final StreamParser<T> parser)
    {
        return new BrokerCall<>(endpoint, request, null, parser);
    }

    /**
     * Kind of request.
     *
     * @return the endpoint.
     */
    public Endpoint endpoint()
    {
        return endpoint;
    }

    /**
     * The HTTP request.
     *
     * @return the request.
     */
    public Request request()
    {
        return request;
    }

    AnswerParser<T> answerParser()
    {
        return answerParser;
    }

    StreamParser<T> streamParser()
    {
        return streamParser;
    }

    /**
     * Parses a text answer.
     *
     * @param <T> value type.
     */
    @FunctionalInterface
    public interface AnswerParser<T>
    {
        /**
         * Parse.
         *
         * @param answer status and body.
         * @return the value.
         * @throws BrokerException when the answer is a failure.
         */
        T parse(HttpAnswer answer) throws BrokerException;
    }

    /**
     * Parses a streamed 2xx answer.
     *
     * @param <T> value type.
     */
    @FunctionalInterface
    public interface StreamParser<T>
    {
        /**
         * Parse.
         *
         * @param body the body stream.
         * @return the value.
         * @throws IOException when reading fails or the format is wrong.
         */
        T parse(InputStream body) throws IOException;
    }
}
