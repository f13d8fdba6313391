// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.auth.AccessControl;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.TimeSeriesStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The binary API listener (port 4410 by default): gRPC v5api and capnp 3.x on one port; health {@code grpc}. */
@Component(service = ComponentHealth.class, immediate = true, configurationPid = "io.qss.api.grpc")
@Designate(ocd = GrpcComponent.Config.class)
public final class GrpcComponent implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcComponent.class);

    @ObjectClassDefinition(name = "qss binary API", description = "gRPC v5api and capnp 3.x on one port.")
    public @interface Config {
        @AttributeDefinition(description = "Interface to listen on; 0.0.0.0 means all.")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "TCP port of gRPC and capnp; 0 picks a free one.")
        int port() default 4410;

        @AttributeDefinition(description = "Threads that run calls (queries and inserts).")
        int threads() default 16;

        @AttributeDefinition(description = "Most points one Insert may carry; more gives code 414.")
        int maxInsertPoints() default 1_000_000;

        @AttributeDefinition(description = "Largest inbound gRPC message, in bytes.")
        int maxMessageBytes() default 64 << 20;

        @AttributeDefinition(description = "Most rows one GenerateCSV call may return.")
        long maxCsvRows() default 5_000_000;

        @AttributeDefinition(description = "Endpoints (host:port) that Info reports as proxy endpoints; empty "
                + "reports none.")
        String[] proxyEndpoints() default {};

        @AttributeDefinition(description = "Serve capnp 3.x on the same port (connections that do not start "
                + "with the HTTP/2 preface).")
        boolean capnp() default true;

        @AttributeDefinition(description = "API key whose rights capnp connections get (capnp carries no "
                + "credentials); empty means anonymous: public streams, read only.")
        String capnpKey() default "";

        @AttributeDefinition(description = "Collection of the stream that a capnp insert to an unknown UUID creates "
                + "(named by its UUID).")
        String capnpInsertCollection() default "capnp";
    }

    private final Config config;
    private volatile BinaryServer server;
    private volatile String failure;

    @Activate
    public GrpcComponent(BundleContext bundleContext, Config config, @Reference TimeSeriesStore store,
            @Reference AccessControl access) {
        this.config = config;
        ServerSettings settings = new ServerSettings(config.host(), config.port(), config.threads(),
                config.maxInsertPoints(), config.maxMessageBytes(), config.maxCsvRows(),
                Arrays.asList(config.proxyEndpoints()), bundleContext.getBundle().getVersion().toString());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(GrpcComponent.class.getClassLoader());
        try {
            Streams streams = new Streams(store, access);
            server = BinaryServer.start(settings, new CapnpSettings(config.capnp(), config.capnpKey(),
                    config.capnpInsertCollection()), streams);
            LOG.info("binary API listening [host={}, port={}, capnp={}]", config.host(), server.port(),
                    config.capnp());
        } catch (IOException e) {
            failure = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            LOG.error("binary API not started", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String componentName() {
        return "grpc";
    }

    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("host", config.host());
        figures.put("port", server == null ? config.port() : server.port());
        figures.put("capnp", config.capnp());
        return failure == null
                ? new HealthReport(HealthState.UP, "listening", figures)
                : new HealthReport(HealthState.DOWN, failure, figures);
    }
}
