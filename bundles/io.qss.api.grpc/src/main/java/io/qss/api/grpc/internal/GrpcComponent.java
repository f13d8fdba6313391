// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.auth.AccessControl;
import io.qss.core.DataDirectory;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.api.TimeSeriesStore;
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
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binary API listener (port 4410 by default): gRPC v5api and capnp 3.x on one port, and gRPC v5api over TLS on
 * {@code tlsPort} when set; health {@code grpc}.
 */
@Component(
        service = ComponentHealth.class,
        immediate = true,
        configurationPid = "io.qss.api.grpc",
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=1"}) // paused by restore: serves data
@Designate(ocd = GrpcComponent.Config.class)
public final class GrpcComponent implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcComponent.class);

    @ObjectClassDefinition(
            name = "qss binary API",
            description = "gRPC v5api and capnp 3.x on one port, " + "gRPC v5api over TLS on another.")
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

        @AttributeDefinition(
                description = "Endpoints (host:port) that Info reports as proxy endpoints; empty " + "reports none.")
        String[] proxyEndpoints() default {};

        @AttributeDefinition(
                description = "Serve capnp 3.x on the same port (connections that do not start "
                        + "with the HTTP/2 preface).")
        boolean capnp() default true;

        @AttributeDefinition(
                description = "API key whose rights capnp connections get (capnp carries no "
                        + "credentials); empty means anonymous: public streams, read only.")
        String capnpKey() default "";

        @AttributeDefinition(
                description = "Collection of the stream that a capnp insert to an unknown UUID creates "
                        + "(named by its UUID).")
        String capnpInsertCollection() default "capnp";

        @AttributeDefinition(
                description = "TCP port of gRPC over TLS (BTrDB 5 serves it on 4411); 0 means off. "
                        + "Setting it makes bin/setenv generate the certificate at the next start.")
        int tlsPort() default 0;

        @AttributeDefinition(
                description = "PKCS12 keystore of the TLS port; empty means the generated " + "<data>/keys/tls.p12.")
        String tlsKeystore() default "";

        @AttributeDefinition(
                description = "Password of the keystore and its key; empty means the first line of "
                        + "<data>/keys/tls.password.",
                type = AttributeType.PASSWORD)
        String tlsKeystorePassword() default "";

        @AttributeDefinition(description = "Alias of the key entry in the keystore.")
        String tlsKeyAlias() default "qss";
    }

    private final Config config;
    private volatile BinaryServer server;
    private volatile String failure;
    private volatile String tlsFailure;

    @Activate
    public GrpcComponent(
            BundleContext bundleContext,
            Config config,
            @Reference TimeSeriesStore store,
            @Reference AccessControl access) {
        this.config = config;
        ServerSettings settings = new ServerSettings(
                config.host(),
                config.port(),
                config.threads(),
                config.maxInsertPoints(),
                config.maxMessageBytes(),
                config.maxCsvRows(),
                Arrays.asList(config.proxyEndpoints()),
                bundleContext.getBundle().getVersion().toString());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(GrpcComponent.class.getClassLoader());
        try {
            Streams streams = new Streams(store, access);
            server = BinaryServer.start(
                    settings,
                    new CapnpSettings(config.capnp(), config.capnpKey(), config.capnpInsertCollection()),
                    streams);
            LOG.info("binary API listening [host={}, port={}, capnp={}]", config.host(), server.port(), config.capnp());
            startTls();
        } catch (IOException e) {
            failure = e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            LOG.error("binary API not started", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void startTls() {
        if (config.tlsPort() <= 0) {
            return;
        }
        TlsSettings tls = TlsSettings.of(
                config.tlsPort(),
                config.tlsKeystore(),
                config.tlsKeystorePassword(),
                config.tlsKeyAlias(),
                DataDirectory.fromSystemProperties());
        try {
            server.startTls(tls);
            LOG.info(
                    "binary API listening over TLS [host={}, tlsPort={}, keystore={}]",
                    config.host(),
                    server.tlsPort(),
                    tls.keystore());
        } catch (IOException e) {
            tlsFailure = causes(e);
            LOG.error(
                    "binary API TLS port not started, the plaintext port keeps serving [tlsPort={}]",
                    config.tlsPort(),
                    e);
        }
    }

    /** The message of {@code e} and of its causes, so health says why without the log. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            text.append(": ")
                    .append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return text.toString();
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
        int tlsPort = server == null ? 0 : server.tlsPort();
        figures.put("tlsPort", tlsPort > 0 ? tlsPort : config.tlsPort());
        if (failure != null) {
            return new HealthReport(HealthState.DOWN, failure, figures);
        }
        return tlsFailure == null
                ? new HealthReport(HealthState.UP, "listening", figures)
                : new HealthReport(HealthState.DEGRADED, "listening, TLS port not started: " + tlsFailure, figures);
    }
}
