// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import io.qss.ops.UpdateResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.FeaturesService.Option;

/**
 * Swaps the installed qss feature for the version an archive carries, and back again when anything fails.
 *
 * <p>The container's deployer treats installed features as requirements: upgrading the aggregate feature replaces
 * every bundle whose version changed, stopping each component cleanly (acknowledged data is already on disk) and
 * starting the new one; bundles that did not change stay running.
 */
final class FeatureUpdater {

    static final String QSS_FEATURE = "qss";

    private final FeaturesService features;
    private final Path systemFolder;
    private final StatusProbe status;
    private final Duration healthTimeout;

    FeatureUpdater(FeaturesService features, Path systemFolder, StatusProbe status, Duration healthTimeout) {
        this.features = features;
        this.systemFolder = systemFolder;
        this.status = status;
        this.healthTimeout = healthTimeout;
    }

    /** The installed version of the aggregate feature, or {@code "none"}. */
    String installedVersion() throws Exception {
        return installedVersion(features);
    }

    static String installedVersion(FeaturesService features) throws Exception {
        for (Feature feature : features.listInstalledFeatures()) {
            if (QSS_FEATURE.equals(feature.getName())) {
                return feature.getVersion();
            }
        }
        return "none";
    }

    UpdateResult apply(UpdateArchive archive, Consumer<String> progress) throws Exception {
        String from = installedVersion();
        if (normalise(from).equals(normalise(archive.version()))) {
            throw new UpdateException("version already installed [version=" + from + "]");
        }
        progress.accept("copying " + KarRepository.copyInto(archive.kar(), systemFolder) + " artifacts into "
                + systemFolder);
        URI repository = URI.create(archive.repository());
        features.addRepository(repository);
        try {
            progress.accept("upgrading " + archive.feature() + " " + from + " -> " + archive.version());
            install(archive.feature() + "/" + archive.version());
            progress.accept("waiting for every component to serve (up to " + healthTimeout.toSeconds() + " s)");
            if (!status.awaitServing(healthTimeout)) {
                throw new IllegalStateException("qss did not serve after the update [status=" + status.status()
                        + "]");
            }
            return new UpdateResult(from, archive.version(), false, "updated, every component serving");
        } catch (Exception e) {
            progress.accept("update failed (" + e.getMessage() + "), rolling back to " + from);
            rollBack(from, repository, progress);
            return new UpdateResult(from, archive.version(), true, "rolled back to " + from + ": " + e.getMessage());
        }
    }

    private void rollBack(String from, URI repository, Consumer<String> progress) throws Exception {
        install(QSS_FEATURE + "/" + from);
        features.removeRepository(repository, false);
        boolean isServing = status.awaitServing(healthTimeout);
        progress.accept(isServing ? "rolled back, every component serving"
                : "rolled back, but qss is not serving yet [status=" + status.status() + "]");
    }

    private void install(String featureId) throws Exception {
        features.installFeatures(Set.of(featureId), EnumSet.of(Option.Upgrade, Option.Verbose));
    }

    /** Karaf reports {@code 0.1.0.SNAPSHOT} for the Maven version {@code 0.1.0-SNAPSHOT}. */
    static String normalise(String version) {
        return version.replace('-', '.');
    }
}
