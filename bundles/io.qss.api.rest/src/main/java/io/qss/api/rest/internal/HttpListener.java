// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import javax.servlet.DispatcherType;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
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
     * Starts listening on {@code host:port} (port 0 picks a free one) and serves each servlet at its path spec, behind
     * the {@link RequestGuard} (no TRACE, bodies up to {@code maxBodyBytes}).
     *
     * @throws IOException when the port cannot be bound
     */
    static HttpListener start(
            String name, String host, int port, int maxThreads, long maxBodyBytes, Map<String, Servlet> servlets)
            throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads));
        threads.setName(name);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Dispatch on the headers alone, so a write the caller may not make is refused before its body arrives.
        http.setDelayDispatchUntilContent(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new RequestGuard(maxBodyBytes)), "/*", EnumSet.of(DispatcherType.REQUEST));
        servlets.forEach((pathSpec, servlet) -> context.addServlet(new ServletHolder(pathSpec, servlet), pathSpec));
        context.setErrorHandler(new TerseErrors());
        server.setHandler(context);
        server.setErrorHandler(new TerseErrors());
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException(
                    "HTTP listener could not start [name=" + name + ", host=" + host + ", port=" + port + "]", e);
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

    /**
     * Error pages of the container itself (a request it cannot parse, a failure no servlet caught): status and
     * reason only, never the exception's message or stack, which would tell a stranger about the server's insides.
     */
    private static final class TerseErrors extends ErrorHandler {
        TerseErrors() {
            setShowStacks(false);
            setShowMessageInTitle(false);
            setShowServlet(false);
        }

        @Override
        protected void generateAcceptableResponse(
                Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
                throws IOException {
            baseRequest.setHandled(true);
            response.setContentType(ApiServlet.TEXT);
            response.getOutputStream()
                    .write((code + " " + HttpStatus.getMessage(code) + "\n").getBytes(StandardCharsets.UTF_8));
        }
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
