package io.sluice.gateway.mt5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One TCP connection to a terminal's SluiceBridge EA, run by two daemon threads so the gateway's agent never blocks
 * on the network: the reader connects, authenticates (PROTOCOL.md "Handshake"), then parses JSON lines and hands
 * them to the session's queue; the writer sends what the agent queued with {@link #send}. The agent learns of
 * connection, messages and disconnection only through {@link BridgeEvent}s.
 */
final class BridgeConnection implements AutoCloseable
{
    /** Messages the agent may queue before {@link #send} reports the connection as stuck. */
    static final int OUTBOUND_CAPACITY = 4096;

    private static final byte NEWLINE = '\n';

    private final String account;
    private final String host;
    private final int port;
    private final BridgeSecret secret;
    private final int timeoutMs;
    private final long generation;
    private final BlockingQueue<BridgeEvent> inbound;
    private final SecureRandom random;
    private final LinkedBlockingQueue<ObjectNode> outbound = new LinkedBlockingQueue<>(OUTBOUND_CAPACITY);

    private volatile boolean closed;
    private volatile Socket socket;
    private volatile Thread readerThread;
    private volatile Thread writerThread;

    /**
     * A connection, not yet started.
     *
     * @param account    account name, for thread names and reasons.
     * @param host       EA address.
     * @param port       EA port.
     * @param secret     shared secret.
     * @param timeoutMs  connect and handshake timeout.
     * @param generation number of this attempt, stamped on every event.
     * @param inbound    queue drained by the agent.
     * @param random     source of nonces.
     */
    BridgeConnection(
        final String account,
        final String host,
        final int port,
        final BridgeSecret secret,
        final int timeoutMs,
        final long generation,
        final BlockingQueue<BridgeEvent> inbound,
        final SecureRandom random)
    {
        this.account = account;
        this.host = host;
        this.port = port;
        this.secret = secret;
        this.timeoutMs = timeoutMs;
        this.generation = generation;
        this.inbound = inbound;
        this.random = random;
    }

    /**
     * Start connecting on the reader thread.
     */
    void start()
    {
        final Thread thread = new Thread(this::run, "mt5-bridge-" + account + "-" + generation);
        thread.setDaemon(true);
        readerThread = thread;
        thread.start();
    }

    /**
     * Queue one message for the writer thread; never blocks.
     *
     * @param message JSON object to send as one line.
     * @return false when the connection is closed or its queue is full.
     */
    boolean send(final ObjectNode message)
    {
        return !closed && outbound.offer(message);
    }

    /**
     * Close the socket and stop both threads; no event follows.
     */
    public void close()
    {
        closed = true;
        closeSocket();
        interrupt(readerThread);
        interrupt(writerThread);
    }

    private void run()
    {
        try
        {
            final Socket s = new Socket();
            socket = s;
            if (closed)
            {
                return;
            }
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            final LineReader reader = new LineReader(new BufferedInputStream(s.getInputStream()));
            final OutputStream out = new BufferedOutputStream(s.getOutputStream());
            final ObjectNode session = handshake(reader, out);
            s.setSoTimeout(0);

            final Thread writer = new Thread(() -> writeLoop(out), "mt5-bridge-" + account + "-" + generation + "-write");
            writer.setDaemon(true);
            writerThread = writer;
            writer.start();
            deliver(new BridgeEvent(BridgeEvent.Kind.CONNECTED, generation, session, null, false));

            while (!closed)
            {
                final JsonNode message = reader.next();
                if (message == null)
                {
                    throw new EOFException("the terminal closed the connection");
                }
                deliver(new BridgeEvent(BridgeEvent.Kind.MESSAGE, generation, message, null, false));
            }
        }
        catch (final AuthenticationException ex)
        {
            disconnected(ex.getMessage(), true);
        }
        catch (final SocketTimeoutException ex)
        {
            disconnected("no answer from " + host + ":" + port + " within " + timeoutMs + " ms", false);
        }
        catch (final IOException | RuntimeException ex)
        {
            disconnected(describe(ex), false);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            closeSocket();
            interrupt(writerThread);
        }
    }

    private ObjectNode handshake(final LineReader reader, final OutputStream out) throws IOException, InterruptedException
    {
        final JsonNode hello = reader.next();
        if (hello == null)
        {
            throw new EOFException("the terminal closed the connection before hello");
        }
        final String helloType = BridgeJson.text(hello, "type");
        if ("error".equals(helloType))
        {
            throw new IOException("the terminal refused the connection: " + BridgeJson.text(hello, "code") + " " +
                BridgeJson.text(hello, "message"));
        }
        if (!"hello".equals(helloType))
        {
            throw new IOException("protocol error: expected hello, got '" + helloType + "'");
        }
        final long protocol = BridgeJson.longValue(hello, "protocol");
        if (protocol != BridgeProtocol.VERSION)
        {
            throw new IOException("the terminal speaks bridge protocol " + protocol + "; this gateway speaks " + BridgeProtocol.VERSION);
        }
        final String nonce = BridgeJson.text(hello, "nonce");
        if (!BridgeAuth.isWellFormedNonce(nonce))
        {
            throw new IOException("protocol error: malformed nonce in hello");
        }

        final String cnonce = BridgeAuth.newNonce(random);
        final ObjectNode auth = BridgeJson.object()
            .put("type", "auth")
            .put("protocol", BridgeProtocol.VERSION)
            .put("client", BridgeProtocol.CLIENT_NAME)
            .put("cnonce", cnonce)
            .put("mac", BridgeAuth.gatewayMac(secret, nonce, cnonce));
        writeLine(out, auth);
        out.flush();

        final JsonNode welcome = reader.next();
        if (welcome == null)
        {
            throw new AuthenticationException("the terminal closed the connection during authentication (wrong shared secret?)");
        }
        final String welcomeType = BridgeJson.text(welcome, "type");
        if ("error".equals(welcomeType))
        {
            final String code = BridgeJson.text(welcome, "code");
            final String text = "the terminal refused authentication: " + code + " " + BridgeJson.text(welcome, "message");
            if ("AUTH_FAILED".equals(code))
            {
                throw new AuthenticationException(text);
            }
            throw new IOException(text);
        }
        if (!"welcome".equals(welcomeType))
        {
            throw new IOException("protocol error: expected welcome, got '" + welcomeType + "'");
        }
        if (!BridgeAuth.macEquals(BridgeAuth.eaMac(secret, nonce, cnonce), BridgeJson.text(welcome, "mac")))
        {
            throw new AuthenticationException("the terminal failed to prove it holds the shared secret");
        }
        final ObjectNode session = BridgeJson.object();
        session.set("hello", hello);
        session.set("welcome", welcome);
        return session;
    }

    private void writeLoop(final OutputStream out)
    {
        try
        {
            while (!closed)
            {
                ObjectNode message = outbound.take();
                while (message != null)
                {
                    writeLine(out, message);
                    message = outbound.poll();
                }
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            // The reader sees the broken socket and reports the disconnection once.
            closeSocket();
        }
    }

    private static void writeLine(final OutputStream out, final ObjectNode message) throws IOException
    {
        out.write(BridgeJson.MAPPER.writeValueAsBytes(message));
        out.write(NEWLINE);
    }

    private void disconnected(final String reason, final boolean authenticationFailed)
    {
        if (!closed)
        {
            try
            {
                deliver(new BridgeEvent(BridgeEvent.Kind.DISCONNECTED, generation, null, reason, authenticationFailed));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliver(final BridgeEvent event) throws InterruptedException
    {
        inbound.put(event);
    }

    private void closeSocket()
    {
        final Socket s = socket;
        if (s != null)
        {
            try
            {
                s.close();
            }
            catch (final IOException ignore)
            {
                // Closing a broken socket has nothing left to report.
            }
        }
    }

    private static void interrupt(final Thread thread)
    {
        if (thread != null && thread != Thread.currentThread())
        {
            thread.interrupt();
        }
    }

    private static String describe(final Throwable ex)
    {
        final String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : message;
    }

    /** The peer failed or refused the challenge/response. */
    private static final class AuthenticationException extends IOException
    {
        private static final long serialVersionUID = 1L;

        AuthenticationException(final String message)
        {
            super(message);
        }
    }

    /** Splits the stream into JSON lines of at most {@link BridgeProtocol#MAX_LINE_BYTES}. */
    private static final class LineReader
    {
        private final InputStream in;
        private byte[] line = new byte[4096];

        LineReader(final InputStream in)
        {
            this.in = in;
        }

        /** The next non-empty line as a JSON object, or null at end of stream. */
        JsonNode next() throws IOException
        {
            while (true)
            {
                int length = 0;
                int b;
                while ((b = in.read()) != -1 && b != NEWLINE)
                {
                    if (length == BridgeProtocol.MAX_LINE_BYTES)
                    {
                        throw new IOException("protocol error: line longer than " + BridgeProtocol.MAX_LINE_BYTES + " bytes");
                    }
                    if (length == line.length)
                    {
                        line = Arrays.copyOf(line, Math.min(line.length * 2, BridgeProtocol.MAX_LINE_BYTES));
                    }
                    line[length++] = (byte)b;
                }
                if (b == -1 && length == 0)
                {
                    return null;
                }
                if (length > 0 && line[length - 1] == '\r')
                {
                    length--;
                }
                if (length == 0)
                {
                    continue;
                }
                final JsonNode node;
                try
                {
                    node = BridgeJson.MAPPER.readTree(line, 0, length);
                }
                catch (final IOException ex)
                {
                    throw new IOException("protocol error: a line is not JSON", ex);
                }
                if (node == null || !node.isObject())
                {
                    throw new IOException("protocol error: a line is not a JSON object");
                }
                return node;
            }
        }
    }
}
