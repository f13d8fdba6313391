// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import com.mongodb.client.MongoClient;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link AccessControl} and {@link AuthAdmin} over MongoDB. Decisions answer from memory at once (the
 * default tag configuration until the first read); the database is read on the component's own thread at
 * activation and every {@code refreshSeconds}.
 */
@Component(service = {AccessControl.class, AuthAdmin.class, ComponentHealth.class}, immediate = true,
        configurationPid = "io.qss.auth")
@Designate(ocd = AuthComponent.Config.class)
public final class AuthComponent extends AccessControlImpl implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(AuthComponent.class);

    @ObjectClassDefinition(name = "qss access control", description = "Accounts, tags and API keys.")
    public @interface Config {
        @AttributeDefinition(description = "Tag configuration in force for tags not in mr_plotter.tagconfig: "
                + "tag=prefix[,prefix...], several separated by ';'.")
        String defaultTagConfig() default "public=/upmu; all=/";

        @AttributeDefinition(description = "Seconds between re-reads of accounts, tags and keys from MongoDB "
                + "(changes made through qss apply at once).")
        int refreshSeconds() default 30;
    }

    private final ScheduledExecutorService executor;
    private volatile String failure;
    private volatile boolean isLoaded;

    @Activate
    public AuthComponent(@Reference MongoClient mongo, Config config) {
        super(new MongoAuthRepository(mongo), PathRules.parseTagConfig(config.defaultTagConfig()));
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-auth"));
        executor.scheduleWithFixedDelay(this::refresh, 0, Math.max(1, config.refreshSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    private void refresh() {
        try {
            reload();
            isLoaded = true;
            failure = null;
        } catch (AuthException e) {
            if (failure == null) {
                LOG.warn("access control data not refreshed, keeping the last", e);
            }
            failure = e.getMessage();
        }
    }

    @Override
    public String componentName() {
        return "auth";
    }

    @Override
    public HealthReport health() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("accounts", accounts().size());
        figures.put("apiKeys", apiKeys().size());
        figures.put("tags", tagConfig().size());
        if (failure != null) {
            return new HealthReport(isLoaded ? HealthState.DEGRADED : HealthState.STARTING, failure, figures);
        }
        return new HealthReport(isLoaded ? HealthState.UP : HealthState.STARTING,
                isLoaded ? "serving" : "reading accounts and keys", figures);
    }
}
