// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import io.qss.ops.UpdateResult;
import io.qss.ops.UpdateService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link UpdateService}. This bundle is its own feature ({@code qss-ops}), outside the aggregate feature
 * an update swaps, and imports nothing from the swapped bundles, so an update never replaces the code running it.
 * Updates are serialised.
 */
@Component(service = UpdateService.class, configurationPid = "io.qss.ops")
@Designate(ocd = UpdateServiceImpl.Config.class)
public final class UpdateServiceImpl implements UpdateService {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateServiceImpl.class);

    @ObjectClassDefinition(name = "qss updates", description = "Offline hot updates (qss:update, qss-get -u).")
    public @interface Config {
        @AttributeDefinition(
                description = "Seconds an update (or its rollback) waits for GET /status to answer OK "
                        + "before it counts as failed.")
        int healthTimeoutSeconds() default 90;
    }

    private final FeatureUpdater updater;
    private final Path workFolder;

    @Activate
    public UpdateServiceImpl(
            BundleContext bundleContext,
            Config config,
            @Reference FeaturesService features,
            @Reference ConfigurationAdmin configurationAdmin) {
        Path home = Path.of(System.getProperty("karaf.home", "."));
        this.workFolder =
                Path.of(System.getProperty("karaf.data", home.resolve("data").toString()), "qss-updates");
        this.updater = new FeatureUpdater(
                features,
                home.resolve("system"),
                new StatusProbe(configurationAdmin),
                Duration.ofSeconds(config.healthTimeoutSeconds()),
                new UpdateHistory(workFolder),
                new SwapCheck(home.resolve("system"), () -> runningVersions(bundleContext)));
    }

    /** The version of every installed bundle, by symbolic name. */
    private static Map<String, List<String>> runningVersions(BundleContext bundleContext) {
        Map<String, List<String>> versions = new HashMap<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getState() != Bundle.UNINSTALLED) {
                versions.computeIfAbsent(bundle.getSymbolicName(), name -> new ArrayList<>())
                        .add(bundle.getVersion().toString());
            }
        }
        return versions;
    }

    @Override
    public String installedVersion() {
        try {
            return updater.installedVersion();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized UpdateResult update(Path archive, Consumer<String> progress) throws UpdateException {
        try {
            Files.createDirectories(workFolder);
        } catch (IOException e) {
            throw new UpdateException("update work folder could not be created [folder=" + workFolder + "]", e);
        }
        progress.accept("verifying " + archive);
        UpdateArchive verified = UpdateArchive.open(archive.toAbsolutePath(), workFolder);
        progress.accept("checksums verified; archive carries qss " + verified.version());
        return logged(() -> updater.apply(verified, progress), "archive=" + archive);
    }

    @Override
    public synchronized UpdateResult rollback(Consumer<String> progress) throws UpdateException {
        return logged(() -> updater.rollBackToPrevious(progress), "rollback to the previous version");
    }

    private UpdateResult logged(Swap swap, String what) throws UpdateException {
        try {
            UpdateResult result = swap.run();
            LOG.info(
                    "qss update [from={}, to={}, rolledBack={}, detail={}]",
                    result.fromVersion(),
                    result.toVersion(),
                    result.isRolledBack(),
                    result.detail());
            return result;
        } catch (UpdateException e) {
            LOG.error("qss update refused or not rolled back [{}]", what, e);
            throw e;
        } catch (Exception e) {
            LOG.error("qss update failed unexpectedly [{}]", what, e);
            throw new UpdateException(
                    "update failed; qss:status shows what runs, qss:update --rollback returns "
                            + "to the previous version [" + what + "]",
                    e);
        }
    }

    /** One swap of the qss feature: an update or a rollback. */
    @FunctionalInterface
    private interface Swap {
        UpdateResult run() throws Exception;
    }
}
