// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.qss.api.rest.DirectCsv;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.DocumentSeal;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.receiver.Spool;
import io.qss.store.TimeSeriesStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
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

/**
 * Publishes the plotter as a whiteboard servlet on the container's Jetty (port in {@code etc/org.ops4j.pax.web.cfg})
 * and reports its health. The receiver's spool is optional: without it the page shows no disk-guard notice.
 */
@Component(service = {Servlet.class, ComponentHealth.class}, immediate = true, configurationPid = "io.qss.plotter")
@HttpWhiteboardServletName("qss-plotter")
@HttpWhiteboardServletPattern("/*")
@Designate(ocd = PlotterComponent.Config.class)
public final class PlotterComponent extends HttpServlet implements ComponentHealth {

    private static final long serialVersionUID = 1L;

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
    }

    private final transient PlotterServlet servlet;
    private final transient ScheduledExecutorService purger;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Spool spool;

    /** Service properties of the container's HTTP runtime (they carry its endpoints), or null without one. */
    private transient volatile Map<String, Object> httpRuntime;

    @Activate
    public PlotterComponent(Config config, @Reference TimeSeriesStore store, @Reference AccessControl access,
            @Reference AuthAdmin admin, @Reference DirectCsv csv, @Reference MongoClient mongo,
            @Reference DocumentSeal seal) {
        MongoDatabase database = mongo.getDatabase("mr_plotter");
        PlotterSettings settings = new PlotterSettings(config.maxWindowsPerQuery(), config.csvMaxRows(),
                config.sessionExpirySeconds(), config.followIntervalSeconds());
        Clock clock = Clock.systemUTC();
        Sessions sessions = new Sessions(database.getCollection("sessions"), admin, seal, settings.sessionExpirySeconds(),
                clock);
        Permalinks permalinks = new Permalinks(database.getCollection("permalinks"), clock);
        this.servlet = new PlotterServlet(store, access, admin, csv, sessions, permalinks, new LoginThrottle(clock),
                this::isAcceptingData, settings);
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

    @Deactivate
    void deactivate() {
        purger.shutdownNow();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        servlet.service(request, response);
    }

    private boolean isAcceptingData() {
        Spool current = spool;
        return current == null || current.isAcceptingData();
    }

    @Override
    public String componentName() {
        return "plotter";
    }

    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        String endpoints = endpoints();
        figures.put("endpoints", endpoints);
        boolean isServed = httpRuntime != null;
        return new HealthReport(isServed ? HealthState.UP : HealthState.STARTING,
                isServed ? "serving" : "waiting for the container's HTTP service", figures);
    }

    private String endpoints() {
        Map<String, Object> properties = httpRuntime;
        if (properties == null) {
            return "";
        }
        Object value = properties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        return value instanceof String[] many ? String.join(" ", Arrays.asList(many)) : String.valueOf(value);
    }
}
