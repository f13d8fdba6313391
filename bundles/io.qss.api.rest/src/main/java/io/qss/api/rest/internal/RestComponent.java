// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.auth.AccessControl;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST listener (port 9000 by default): {@code /status}, {@code /health} and the BTrDB 3.x endpoints.
 *
 * <p>Health sources are tracked ({@link HealthSources}) leaving this component out (it adds itself
 * directly): a DS reference, or a lookup of its own service while it is still activating, would be circular.
 */
@Component(
        service = ComponentHealth.class,
        immediate = true,
        configurationPid = "io.qss.api.rest",
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=1"}) // paused by restore: serves data
@Designate(ocd = RestComponent.Config.class)
public final class RestComponent implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(RestComponent.class);

    @ObjectClassDefinition(name = "qss REST API", description = "The BTrDB 3.x REST API, /status and /health.")
    public @interface Config {
        @AttributeDefinition(description = "Interface to listen on; 0.0.0.0 means all.")
        String host() default "0.0.0.0";

        @AttributeDefinition(description = "TCP port.")
        int port() default 9000;

        @AttributeDefinition(description = "Most requests served at once.")
        int maxThreads() default 32;

        @AttributeDefinition(
                description = "Largest request body in bytes (an insert, a CSV request); larger bodies "
                        + "are refused with 413, before a byte is read when the request declares its length.")
        long maxBodyBytes() default 64L << 20;

        @AttributeDefinition(
                description = "Most raw points (or CSV rows, or windows) one request may return; "
                        + "larger requests are refused with 400.")
        long maxRawPoints() default 5_000_000;

        @AttributeDefinition(
                description =
                        "Collection of the stream that an insert to an unknown UUID creates " + "(named by its UUID).")
        String insertCollection() default "rest";

        @AttributeDefinition(
                description = "Time zone of the Time column of multi-stream CSV; empty means the " + "server's zone.")
        String csvTimeZone() default "";
    }

    private final HealthSources healthSources;
    private final Config config;
    /**
     * Optional and dynamic, so the listener answers (503 from the API, /status naming the store) while the store
     * replays its logs, and stays up when the store bundle is updated.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TimeSeriesStore store;

    private volatile HttpListener listener;
    private volatile String failure;
    private final RecentHealth recentHealth = new RecentHealth(this::systemHealth);

    @Activate
    public RestComponent(BundleContext bundleContext, Config config, @Reference AccessControl access)
            throws InvalidSyntaxException {
        this.config = config;
        Filter othersThanThis = bundleContext.createFilter("(&(objectClass=" + ComponentHealth.class.getName()
                + ")(!(component.name=" + RestComponent.class.getName() + ")))");
        this.healthSources = new HealthSources(bundleContext, othersThanThis);
        healthSources.open();
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        servlets.put("/status", new StatusServlet(recentHealth::get));
        servlets.put("/health", new HealthServlet(this::systemHealth));
        ZoneId zone = config.csvTimeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.csvTimeZone());
        servlets.putAll(
                Endpoints.of(new RestApi(() -> store, access, config.maxRawPoints(), config.insertCollection(), zone)));
        try {
            listener = HttpListener.start(
                    "qss-rest", config.host(), config.port(), config.maxThreads(), config.maxBodyBytes(), servlets);
            LOG.info("REST API listening [host={}, port={}]", config.host(), listener.port());
        } catch (IOException e) {
            failure = e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            LOG.error("REST API not started", e);
        }
    }

    @Deactivate
    void deactivate() {
        if (listener != null) {
            listener.close();
        }
        healthSources.close();
        recentHealth.close();
    }

    /** One snapshot of every health source; the startup check judges completeness against these same sources. */
    private SystemHealth systemHealth() {
        List<HealthSources.Obtained> obtained = healthSources.obtainable();
        Set<String> present = new HashSet<>();
        present.add(RestComponent.class.getName());
        for (HealthSources.Obtained source : obtained) {
            if (source.componentName() != null) {
                present.add(source.componentName());
            }
        }
        List<ComponentHealth> sources = new ArrayList<>();
        for (HealthSources.Obtained source : obtained) {
            ComponentHealth health = source.health();
            sources.add(health instanceof StartupHealth startup ? startup.within(present) : health);
        }
        sources.add(this);
        return SystemHealth.of(sources);
    }

    @Override
    public String componentName() {
        return "rest";
    }

    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("host", config.host());
        figures.put("port", listener == null ? config.port() : listener.port());
        return failure == null
                ? new HealthReport(HealthState.UP, "listening", figures)
                : new HealthReport(HealthState.DOWN, failure, figures);
    }
}
