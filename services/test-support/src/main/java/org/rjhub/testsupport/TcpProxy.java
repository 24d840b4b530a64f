package org.rjhub.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a service (e.g. the schema registry), for tests of that service's outages without
 * stopping it for everyone: {@link #refuse()} closes the port and every open connection (connection refused),
 * {@link #answerUnavailable()} answers every HTTP request {@code 503 Service Unavailable}, {@link #restore()}
 * forwards again, on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    /** What the proxy does with a connection. */
    public enum Mode {
        FORWARD,
        REFUSE,
        UNAVAILABLE
    }

    private static final byte[] UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 11\r\nConnection: close\r\n\r\nunavailable")
            .getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** A proxy forwarding to the host and port of {@code url}. */
    public static TcpProxy to(URI url) {
        return new TcpProxy(new InetSocketAddress(url.getHost(), url.getPort()));
    }

    /** The proxied URL: {@code url} with the proxy's host and port. */
    public URI url(URI url) {
        return URI.create(
                url.getScheme() + "://127.0.0.1:" + port + (url.getRawPath() == null ? "" : url.getRawPath()));
    }

    public Mode mode() {
        return mode;
    }

    /** Closes the port and every open connection: clients get connection refused. */
    public synchronized void refuse() {
        mode = Mode.REFUSE;
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
    }

    /** Answers every request 503 (closing the connections already open), as a registry without its database does. */
    public synchronized void answerUnavailable() {
        mode = Mode.UNAVAILABLE;
        open.forEach(TcpProxy::closeQuietly);
        listen();
    }

    /** Forwards again, on the same port. */
    public synchronized void restore() {
        mode = Mode.FORWARD;
        listen();
    }

    private void listen() {
        if (server.isClosed()) {
            server = bind(port);
            accept(server);
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(
                () -> {
                    while (!listening.isClosed()) {
                        try {
                            Socket client = listening.accept();
                            open.add(client);
                            if (mode == Mode.UNAVAILABLE) {
                                daemon(() -> unavailable(client));
                            } else {
                                daemon(() -> forward(client));
                            }
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void unavailable(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[8192];
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) { // the request's head; its body, if any, is left unread
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            in.readNBytes(buffer, 0, Math.min(in.available(), buffer.length));
            client.getOutputStream().write(UNAVAILABLE);
            client.getOutputStream().flush();
        } catch (IOException ignored) {
            // the client went away
        } finally {
            open.remove(client);
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(client);
            return;
        }
        open.add(upstream);
        daemon(() -> pump(upstream, client));
        pump(client, upstream);
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "tcp-proxy-io");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() {
        mode = Mode.REFUSE;
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
    }
}
