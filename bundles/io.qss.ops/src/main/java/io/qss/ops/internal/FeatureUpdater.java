// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import io.qss.ops.UpdateResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.FeaturesService.Option;
import org.apache.karaf.features.Repository;

/**
 * Swaps the installed qss feature for the version an archive carries, and back again when anything fails.
 *
 * <p>The container's deployer treats installed features as requirements: upgrading the aggregate feature replaces
 * every bundle whose version changed, stopping each component cleanly (acknowledged data is already on disk) and
 * starting the new one; bundles that did not change stay running. Every qss feature names the exact versions of the
 * qss features it needs, so a version resolves to its own bundles or not at all: a newer version whose bundle cannot
 * resolve fails before anything changes, and an older one (a downgrade or a rollback) replaces every newer bundle.
 *
 * <p>Nothing is changed before the archive passed every check ({@link UpdatePreflight}); a failure while preparing
 * (copying, adding the features repository) undoes what was prepared and refuses the archive. Only the swap itself
 * can need a rollback. Its files are always there (copying never deletes nor overwrites a file in {@code system/},
 * and the previous features repository stays registered), and every swap is checked bundle by bundle
 * ({@link SwapCheck}), so a rollback the container did not carry out is reported, retried, and left to
 * {@code qss:update --rollback}, never claimed.
 */
final class FeatureUpdater {

    static final String QSS_FEATURE = "qss";
    private static final int ROLLBACK_ATTEMPTS = 3;

    private final FeaturesService features;
    private final Path systemFolder;
    private final StatusProbe status;
    private final Duration healthTimeout;
    private final UpdateHistory history;
    private final SwapCheck swapCheck;

    FeatureUpdater(
            FeaturesService features,
            Path systemFolder,
            StatusProbe status,
            Duration healthTimeout,
            UpdateHistory history,
            SwapCheck swapCheck) {
        this.features = features;
        this.systemFolder = systemFolder;
        this.status = status;
        this.healthTimeout = healthTimeout;
        this.history = history;
        this.swapCheck = swapCheck;
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
        String to = normalise(archive.version());
        if (normalise(from).equals(to)) {
            throw new UpdateException("version already installed [version=" + from + "]");
        }
        UpdatePreflight.check(archive.kar(), archive.repository(), systemFolder);
        URI repository = URI.create(archive.repository());
        boolean isNewRepository = prepare(archive, repository, progress);
        history.recordPrevious(from);
        UpdateResult result = swap(from, to, archive.version(), progress);
        if (result.isRolledBack() && isNewRepository) {
            removeRepository(repository, progress);
        }
        return result;
    }

    /**
     * Goes back to the version recorded before the last update ({@code qss:update --rollback}); that update's
     * repository is kept, so the command can be given again to return.
     */
    UpdateResult rollBackToPrevious(Consumer<String> progress) throws Exception {
        String from = installedVersion();
        String previous = history.previous()
                .orElseThrow(() ->
                        new UpdateException("no earlier version recorded to roll back to [installed=" + from + "]"));
        if (normalise(previous).equals(normalise(from))) {
            throw new UpdateException("the recorded earlier version is the installed one [version=" + from + "]");
        }
        if (features.getFeature(QSS_FEATURE, previous) == null) {
            throw new UpdateException(
                    "the recorded earlier version is not in any features repository [version=" + previous + "]");
        }
        history.recordPrevious(from);
        return swap(from, previous, previous, progress);
    }

    /** Copies the KAR's artifacts and adds its features repository; true when that repository was not there yet. */
    private boolean prepare(UpdateArchive archive, URI repository, Consumer<String> progress) throws UpdateException {
        try {
            progress.accept("copying " + KarRepository.copyInto(archive.kar(), systemFolder) + " artifacts into "
                    + systemFolder);
        } catch (IOException e) {
            throw new UpdateException(
                    "update archive's artifacts could not be copied, nothing else changed [kar=" + archive.kar()
                            + ", system=" + systemFolder + "]",
                    e);
        }
        boolean isNewRepository = !isRegistered(repository);
        try {
            features.addRepository(repository);
            if (features.getFeature(QSS_FEATURE, normalise(archive.version())) == null) {
                throw new IllegalStateException(
                        "the repository has no feature " + QSS_FEATURE + " " + archive.version());
            }
            return isNewRepository;
        } catch (Exception e) {
            if (isNewRepository) {
                removeRepository(repository, progress);
            }
            throw new UpdateException(
                    "update archive's features repository is unusable, archive refused and "
                            + "nothing changed [repository=" + repository + ", reason=" + e.getMessage() + "]",
                    e);
        }
    }

    /** Installs qss {@code to} in place of {@code from}; on any failure, installs {@code from} again. */
    private UpdateResult swap(String from, String to, String toLabel, Consumer<String> progress)
            throws UpdateException {
        try {
            progress.accept("upgrading " + QSS_FEATURE + " " + from + " -> " + toLabel);
            installExactly(to, progress);
            progress.accept("waiting for every component to serve (up to " + healthTimeout.toSeconds() + " s)");
            if (!status.awaitServing(healthTimeout)) {
                throw new IllegalStateException("qss did not serve after the update [status=" + status.status() + "]");
            }
            return new UpdateResult(from, toLabel, false, "updated, every component serving");
        } catch (Exception e) {
            progress.accept("update failed (" + e.getMessage() + "), rolling back to " + from);
            rollBack(from, progress);
            return new UpdateResult(from, toLabel, true, "rolled back to " + from + ": " + e.getMessage());
        }
    }

    private void rollBack(String from, Consumer<String> progress) throws UpdateException {
        Exception failure = null;
        for (int attempt = 1; attempt <= ROLLBACK_ATTEMPTS; attempt++) {
            try {
                installExactly(from, progress);
                failure = null;
                break;
            } catch (Exception e) {
                failure = e;
                progress.accept(
                        "rollback attempt " + attempt + " of " + ROLLBACK_ATTEMPTS + " failed: " + e.getMessage());
            }
        }
        if (failure != null) {
            throw new UpdateException(
                    "update failed and could not be rolled back; qss:update --rollback tries " + "again [version="
                            + from + ", attempts=" + ROLLBACK_ATTEMPTS + "]",
                    failure);
        }
        boolean isServing = status.awaitServing(healthTimeout);
        progress.accept(
                isServing
                        ? "rolled back, every component serving"
                        : "rolled back, but qss is not serving yet [status=" + status.status() + "]");
    }

    /**
     * Installs feature qss {@code version} and makes sure its own bundles run ({@link SwapCheck}). Versions whose
     * features reference qss features without exact versions (built before they were pinned) can resolve to bundles
     * of another registered version; when bundles of another version run, qss is uninstalled (its data stays on
     * disk) and {@code version} installed afresh once, and if that does not help either the swap fails.
     */
    private void installExactly(String version, Consumer<String> progress) throws Exception {
        install(version);
        List<String> stale = staleBundles(version);
        if (stale.isEmpty()) {
            return;
        }
        progress.accept("the container kept bundles of another version " + stale + "; installing " + QSS_FEATURE + " "
                + version + " afresh");
        String installed = installedVersion();
        if (!"none".equals(installed)) {
            features.uninstallFeatures(Set.of(QSS_FEATURE + "/" + installed), EnumSet.of(Option.Verbose));
        }
        install(version);
        stale = staleBundles(version);
        if (!stale.isEmpty()) {
            throw new IllegalStateException("the container kept bundles of another version [stale=" + stale + "]");
        }
    }

    /** Every qss bundle of feature qss {@code version} that does not run at that version ({@link SwapCheck}). */
    private List<String> staleBundles(String version) throws Exception {
        Feature target = features.getFeature(QSS_FEATURE, normalise(version));
        if (target == null) {
            throw new IllegalStateException("feature " + QSS_FEATURE + " " + version + " is in no repository");
        }
        Repository repository = features.getRepository(URI.create(target.getRepositoryUrl()));
        return swapCheck.stale(target, repository == null ? List.of() : List.of(repository.getFeatures()));
    }

    private boolean isRegistered(URI repository) throws UpdateException {
        try {
            for (Repository registered : features.listRepositories()) {
                if (repository.equals(registered.getURI())) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new UpdateException("features repositories could not be listed [repository=" + repository + "]", e);
        }
    }

    /** Removes a repository this update added; a failure is reported, not thrown: the swap outcome stands. */
    private void removeRepository(URI repository, Consumer<String> progress) {
        try {
            features.removeRepository(repository, false);
        } catch (Exception e) {
            progress.accept("the archive's features repository stays registered (" + e.getMessage() + ") [repository="
                    + repository + "]");
        }
    }

    private void install(String version) throws Exception {
        features.installFeatures(
                Set.of(QSS_FEATURE + "/" + normalise(version)), EnumSet.of(Option.Upgrade, Option.Verbose));
    }

    /** Karaf reports {@code 0.1.0.SNAPSHOT} for the Maven version {@code 0.1.0-SNAPSHOT}. */
    static String normalise(String version) {
        return version.replace('-', '.');
    }
}
