// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import java.io.IOException;
import java.util.Map;
import javax.servlet.Servlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP listener of its own (an embedded Jetty on the container's Jetty bundles), serving a fixed set of servlets.
 *
 * <p>The REST API owns its port this way, so its lifecycle (and a hot update of this bundle) never touches the
 * plotter's listener, and a slow client of one cannot starve the other's threads.
 */
final class HttpListener implements AutoCloseable {

    private final Server server;

    private HttpListener(Server server) {
        this.server = server;
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one) and serves each servlet at its path spec.
     *
     * @throws IOException when the port cannot be bound
     */
    static HttpListener start(String name, String host, int port, int maxThreads, Map<String, Servlet> servlets)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads));
        threads.setName(name);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        servlets.forEach((pathSpec, servlet) -> context.addServlet(new ServletHolder(pathSpec, servlet), pathSpec));
        server.setHandler(context);
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("HTTP listener could not start [name=" + name + ", host=" + host + ", port=" + port
                    + "]", e);
        }
        return new HttpListener(server);
    }

    /** The port actually bound. */
    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Stops accepting, lets running requests finish (up to 5 s), releases the port. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Nothing more can be done for a server that fails to stop; its threads are daemon-free pool threads.
            Thread.currentThread().interrupt();
        }
    }
}
