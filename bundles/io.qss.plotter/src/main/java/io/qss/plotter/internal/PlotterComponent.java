// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.DocumentSeal;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the plotter as a whiteboard servlet on the container's Jetty (port in {@code etc/org.ops4j.pax.web.cfg})
 * and reports its health. The disk-guard notice comes from the receiver's health ({@link DiskGuardView}); without a
 * receiver the page shows none.
 */
@Component(
        service = {Servlet.class, ComponentHealth.class},
        immediate = true,
        configurationPid = "io.qss.plotter")
@HttpWhiteboardServletName("qss-plotter")
@HttpWhiteboardServletPattern("/*")
@Designate(ocd = PlotterComponent.Config.class)
public final class PlotterComponent extends HttpServlet implements ComponentHealth {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PlotterComponent.class);
    private static final String WEB_PID = "org.ops4j.pax.web";
    private static final String PORT_KEY = "org.osgi.service.http.port";
    private static final String HTTP_ENABLED_KEY = "org.osgi.service.http.enabled";
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;
    /** How long after activation a silent port still counts as starting rather than failed. */
    private static final long START_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final int PROBE_RETRIES = 2;
    private static final long PROBE_RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @ObjectClassDefinition(name = "qss plotter", description = "The web plotter (port: etc/org.ops4j.pax.web.cfg).")
    public @interface Config {
        @AttributeDefinition(description = "Most aligned windows one data request may return.")
        long maxWindowsPerQuery() default 100_000;

        @AttributeDefinition(description = "Most rows one CSV export may hold.")
        long csvMaxRows() default 100_000;

        @AttributeDefinition(description = "Seconds a login lasts without use (604800 = one week).")
        long sessionExpirySeconds() default 604_800;

        @AttributeDefinition(description = "Seconds between polls for new data while the page follows live data.")
        int followIntervalSeconds() default 5;

        @AttributeDefinition(description = "How much one mouse-wheel notch zooms the time axis (factor, above 1).")
        double wheelZoomStep() default 2.0;

        @AttributeDefinition(description = "How much one mouse-wheel notch zooms with Shift held (factor, above 1).")
        double wheelZoomStepFast() default 16.0;
    }

    private final transient PlotterServlet servlet;
    private final transient ScheduledExecutorService purger;

    /**
     * The receiver's health, which tells whether the disk guard accepts data. Only the receiver's: a reference to
     * every health service would also bind the REST component's, whose activation looks up this plotter's health
     * while this one activates, and each would wait for the other's lock until the container gives up on both.
     */
    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            target = "(component.name=io.qss.receiver.*)")
    private transient volatile List<ComponentHealth> health = List.of();

    /** Where the container's HTTP port is configured; optional, 8080 is assumed without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ConfigurationAdmin configurations;

    private final long activatedNanos = System.nanoTime();
    /**
     * The port a probe last found this plotter answering on; -1 before. While the container holds that port no other
     * program can bind it, so a later answer that is not this plotter's is the container's, not a rival's.
     */
    private volatile int servedPort = -1;

    /** Service properties of the container's HTTP runtime (they carry its endpoints), or null without one. */
    private transient volatile Map<String, Object> httpRuntime;

    @Activate
    public PlotterComponent(
            Config config,
            @Reference TimeSeriesStore store,
            @Reference AccessControl access,
            @Reference AuthAdmin admin,
            @Reference MongoClient mongo,
            @Reference DocumentSeal seal) {
        MongoDatabase database = mongo.getDatabase("mr_plotter");
        PlotterSettings settings = new PlotterSettings(
                config.maxWindowsPerQuery(),
                config.csvMaxRows(),
                config.sessionExpirySeconds(),
                config.followIntervalSeconds(),
                config.wheelZoomStep(),
                config.wheelZoomStepFast());
        Clock clock = Clock.systemUTC();
        Sessions sessions =
                new Sessions(database.getCollection("sessions"), admin, seal, settings.sessionExpirySeconds(), clock);
        Permalinks permalinks = new Permalinks(database.getCollection("permalinks"), clock);
        this.servlet = new PlotterServlet(
                store,
                access,
                admin,
                sessions,
                permalinks,
                new LoginThrottle(clock),
                new DiskGuardView(() -> health),
                settings);
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-plotter-sessions"));
        purger.scheduleWithFixedDelay(sessions::purge, 1, 60, TimeUnit.MINUTES);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindHttpRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        httpRuntime = Map.copyOf(properties);
    }

    void unbindHttpRuntime(HttpServiceRuntime runtime) {
        httpRuntime = null;
    }

    /** Stops the session purger and waits for it, so no thread of this bundle outlives its class loader. */
    @Deactivate
    void deactivate() {
        purger.shutdownNow();
        try {
            if (!purger.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("plotter session purger still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        servlet.service(request, response);
    }

    @Override
    public String componentName() {
        return "plotter";
    }

    /**
     * UP only when a probe of the port finds this plotter answering: the container reports a port it failed to bind
     * (say 8080 taken by another program) only in its log, and would otherwise look healthy here.
     */
    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("endpoints", endpoints());
        int port = port();
        figures.put("port", port);
        boolean isRegistered = httpRuntime != null;
        if ("false".equals(String.valueOf(webSetting(HTTP_ENABLED_KEY)).trim())) {
            // HTTPS only: nothing plain to probe, so the registration is all there is to go by
            return new HealthReport(
                    isRegistered ? HealthState.UP : HealthState.STARTING,
                    isRegistered ? "serving (HTTPS only, not probed)" : "waiting for the container's HTTP service",
                    figures);
        }
        PortProbe.Outcome outcome = probe(port);
        boolean isStarting = System.nanoTime() - activatedNanos <= START_GRACE_NANOS;
        return switch (outcome) {
            case SERVING -> new HealthReport(HealthState.UP, "serving", figures);
            case OTHER_PROGRAM ->
                servedPort == port || isStarting
                        ? new HealthReport(
                                servedPort == port ? HealthState.DEGRADED : HealthState.STARTING,
                                "port " + port
                                        + " answered, but not as this plotter (the container is busy or still starting)",
                                figures)
                        : new HealthReport(
                                HealthState.DOWN,
                                "port " + port + " in use by another program; the plotter "
                                        + "is not served (free the port or change org.osgi.service.http.port in "
                                        + "etc/org.ops4j.pax.web.cfg)",
                                figures);
            case NO_ANSWER ->
                new HealthReport(
                        HealthState.DEGRADED,
                        "port " + port + " accepts connections but " + "gave no answer within " + PROBE_TIMEOUT_MILLIS
                                + " ms (overloaded, or another program)",
                        figures);
            case HELD_ELSEWHERE ->
                new HealthReport(
                        HealthState.DOWN,
                        "port " + port + " in use (bound by another "
                                + "program on another interface); the plotter is not served",
                        figures);
            case NOTHING ->
                isRegistered || System.nanoTime() - activatedNanos > START_GRACE_NANOS
                        ? new HealthReport(
                                HealthState.DOWN,
                                "nothing listens on port " + port + "; the container's HTTP "
                                        + "listener did not start (see data/log/karaf.log)",
                                figures)
                        : new HealthReport(HealthState.STARTING, "waiting for the container's HTTP service", figures);
        };
    }

    /**
     * Probes the port; an answer that is not this plotter's is asked again a few times, as a busy container can
     * answer a request before the plotter's servlet is in place, or drop it. Remembers the port it was found on.
     */
    private PortProbe.Outcome probe(int port) {
        PortProbe.Outcome outcome = PortProbe.probe(host(), port, servlet.instance(), PROBE_TIMEOUT_MILLIS);
        for (int retry = 0; outcome == PortProbe.Outcome.OTHER_PROGRAM && retry < PROBE_RETRIES; retry++) {
            LockSupport.parkNanos(PROBE_RETRY_PAUSE_NANOS);
            outcome = PortProbe.probe(host(), port, servlet.instance(), PROBE_TIMEOUT_MILLIS);
        }
        if (outcome == PortProbe.Outcome.SERVING) {
            servedPort = port;
        }
        return outcome;
    }

    private String endpoints() {
        Map<String, Object> properties = httpRuntime;
        if (properties == null) {
            return "";
        }
        Object value = properties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        return value instanceof String[] many ? String.join(" ", Arrays.asList(many)) : String.valueOf(value);
    }

    /** The container's HTTP port: from its configuration, else the framework property, else 8080. */
    private int port() {
        Object configured = webSetting(PORT_KEY);
        String text = configured != null ? configured.toString() : System.getProperty(PORT_KEY, "8080");
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 8080;
        }
    }

    private String host() {
        Object configured = webSetting("org.ops4j.pax.web.listening.addresses");
        return configured == null ? "" : configured.toString().split(",")[0].trim();
    }

    private Object webSetting(String key) {
        ConfigurationAdmin admin = configurations;
        if (admin == null) {
            return null;
        }
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + WEB_PID + ")");
            return found == null || found.length == 0 || found[0].getProperties() == null
                    ? null
                    : found[0].getProperties().get(key);
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }
}
