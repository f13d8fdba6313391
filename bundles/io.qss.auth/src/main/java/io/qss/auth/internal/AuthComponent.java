// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import com.mongodb.client.MongoClient;
import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.auth.DocumentSeal;
import io.qss.core.DataDirectory;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Publishes {@link AccessControl}, {@link AuthAdmin} and {@link DocumentSeal} over MongoDB. Decisions answer from
 * memory at once (the default tag configuration until the first read); the database is read on the component's own
 * thread at activation and every {@code refreshSeconds}.
 *
 * <p>At activation it makes the data directory owner-only and reads the seal key from {@code keys/}, creating it
 * at first start; a new key first seals the documents already in the database (trust on first use, logged with
 * their number) and only then becomes final, so after that unsealed documents grant nothing.
 */
@Component(
        service = {AccessControl.class, AuthAdmin.class, DocumentSeal.class, ComponentHealth.class},
        immediate = true,
        configurationPid = "io.qss.auth")
@Designate(ocd = AuthComponent.Config.class)
public final class AuthComponent extends AccessControlImpl implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(AuthComponent.class);

    @ObjectClassDefinition(name = "qss access control", description = "Accounts, tags and API keys.")
    public @interface Config {
        @AttributeDefinition(
                description = "Tag configuration in force for tags not in mr_plotter.tagconfig: "
                        + "tag=prefix[,prefix...], several separated by ';'.")
        String defaultTagConfig() default "public=/upmu; all=/";

        @AttributeDefinition(
                description = "Seconds between re-reads of accounts, tags and keys from MongoDB "
                        + "(changes made through qss apply at once).")
        int refreshSeconds() default 30;
    }

    private final ScheduledExecutorService executor;
    private final DataDirectory data;
    private volatile SealKey sealKey;
    private volatile String failure;
    private volatile boolean isLoaded;

    @Activate
    public AuthComponent(@Reference MongoClient mongo, Config config) {
        this(mongo, config, DataDirectory.fromSystemProperties());
    }

    AuthComponent(MongoClient mongo, Config config, DataDirectory data) {
        this(mongo, config, data, loadSealKey(data));
    }

    private AuthComponent(MongoClient mongo, Config config, DataDirectory data, SealKey sealKey) {
        super(mongo, new HmacSeal(sealKey.bytes()), PathRules.parseTagConfig(config.defaultTagConfig()));
        this.data = data;
        this.sealKey = sealKey;
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-auth"));
        executor.execute(this::restrictDataDirectory);
        executor.scheduleWithFixedDelay(this::refresh, 0, Math.max(1, config.refreshSeconds()), TimeUnit.SECONDS);
    }

    private static SealKey loadSealKey(DataDirectory data) {
        try {
            return SealKey.loadOrCreate(data.documentSealKey());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "reading the document seal key failed [file=" + data.documentSealKey() + "]", e);
        }
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    /** Every start, so trees made by older versions or copied in by hand are fixed too. */
    private void restrictDataDirectory() {
        try {
            int changed = data.restrictToOwner();
            if (changed > 0) {
                LOG.info("data directory made owner-only [dir={}, entries={}]", data.root(), changed);
            }
        } catch (IOException e) {
            LOG.warn("making the data directory owner-only failed [dir={}]", data.root(), e);
        }
    }

    private void refresh() {
        try {
            adoptExistingDocuments();
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

    /** Trust on first use: a new seal key seals the documents already there once, then becomes final. */
    private void adoptExistingDocuments() throws AuthException {
        if (!sealKey.isPending()) {
            return;
        }
        int sealed = sealUnsigned();
        try {
            sealKey = sealKey.commit();
        } catch (IOException e) {
            throw new AuthException("storing the document seal key failed [file=" + sealKey.file() + "]", e);
        }
        LOG.info(
                "new document seal key: sealed the access control documents already in MongoDB, trusting them on "
                        + "first use; from now on unsealed documents grant nothing [sealed={}, key={}]",
                sealed,
                sealKey.file());
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
        figures.put("ignoredDocuments", ignoredDocuments().size());
        if (failure != null) {
            return new HealthReport(isLoaded ? HealthState.DEGRADED : HealthState.STARTING, failure, figures);
        }
        return new HealthReport(
                isLoaded ? HealthState.UP : HealthState.STARTING,
                isLoaded ? "serving" : "reading accounts and keys",
                figures);
    }
}
