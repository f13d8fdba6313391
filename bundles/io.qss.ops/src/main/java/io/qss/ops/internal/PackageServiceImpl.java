// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.OptionalPackage;
import io.qss.ops.PackageService;
import io.qss.ops.UpdateException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link PackageService}. Copies the KAR's Maven repository into {@code system/} (where the offline
 * resolver looks, as an update does), then installs each package's feature; the container starts its bundles.
 * Operations are serialised.
 */
@Component(service = PackageService.class)
public final class PackageServiceImpl implements PackageService {

    private static final Logger LOG = LoggerFactory.getLogger(PackageServiceImpl.class);

    private final FeaturesService features;
    private final Path systemFolder;
    private final Path workFolder;

    @Activate
    public PackageServiceImpl(@Reference FeaturesService features) {
        this.features = features;
        Path home = Path.of(System.getProperty("karaf.home", "."));
        this.systemFolder = home.resolve("system");
        this.workFolder =
                Path.of(System.getProperty("karaf.data", home.resolve("data").toString()), "qss-packages");
    }

    @Override
    public synchronized List<OptionalPackage> list(Path archive) throws UpdateException {
        PackagesArchive verified = open(archive);
        List<OptionalPackage> listed = new ArrayList<>();
        for (OptionalPackage p : verified.packages()) {
            listed.add(withInstalled(p));
        }
        return listed;
    }

    @Override
    public synchronized List<OptionalPackage> install(
            Path archive, List<String> names, boolean isAll, Consumer<String> progress) throws UpdateException {
        progress.accept("verifying " + archive);
        PackagesArchive verified = open(archive);
        List<OptionalPackage> selected = verified.select(names, isAll);
        progress.accept(
                "checksums verified; archive carries " + verified.available() + " for qss " + verified.version());
        checkVersion(verified);
        try {
            progress.accept("copying " + KarRepository.copyInto(verified.kar(), systemFolder) + " artifacts into "
                    + systemFolder);
            ensureRepository(URI.create(verified.repository()));
        } catch (Exception e) {
            throw new UpdateException("packages could not be made available [archive=" + archive + "]", e);
        }
        List<OptionalPackage> installed = new ArrayList<>();
        for (OptionalPackage p : selected) {
            installed.add(installOne(p, progress));
        }
        return installed;
    }

    private OptionalPackage installOne(OptionalPackage p, Consumer<String> progress) throws UpdateException {
        OptionalPackage before = withInstalled(p);
        if (before.isInstalled()) {
            progress.accept(p.name() + ": already installed (" + p.feature() + " " + p.version() + ")");
            return before;
        }
        progress.accept(p.name() + ": installing feature " + p.feature() + " " + p.version());
        try {
            features.installFeatures(
                    Set.of(p.feature() + "/" + FeatureUpdater.normalise(p.version())),
                    EnumSet.noneOf(FeaturesService.Option.class));
        } catch (Exception e) {
            throw new UpdateException(
                    "package could not be installed [package=" + p.name() + ", feature=" + p.feature() + ", version="
                            + p.version() + "]",
                    e);
        }
        LOG.info("optional package installed [package={}, feature={}, version={}]", p.name(), p.feature(), p.version());
        OptionalPackage now = withInstalled(p);
        progress.accept(p.name() + ": installed and started");
        return now;
    }

    private PackagesArchive open(Path archive) throws UpdateException {
        try {
            Files.createDirectories(workFolder);
        } catch (IOException e) {
            throw new UpdateException("packages work folder could not be created [folder=" + workFolder + "]", e);
        }
        return PackagesArchive.open(archive.toAbsolutePath(), workFolder);
    }

    /** The packages' bundles are built with the qss they belong to; another version's would not resolve reliably. */
    private void checkVersion(PackagesArchive archive) throws UpdateException {
        String installed = installedQssVersion();
        if (!FeatureUpdater.normalise(installed).equals(FeatureUpdater.normalise(archive.version()))) {
            throw new UpdateException("packages archive built for another qss version [archiveVersion="
                    + archive.version() + ", installed=" + installed + "]; use the qss-packages archive of the"
                    + " installed version");
        }
    }

    private String installedQssVersion() throws UpdateException {
        try {
            return FeatureUpdater.installedVersion(features);
        } catch (Exception e) {
            throw new UpdateException("installed features could not be listed", e);
        }
    }

    private void ensureRepository(URI uri) throws Exception {
        for (Repository repository : features.listRepositories()) {
            if (repository.getURI().equals(uri)) {
                return;
            }
        }
        features.addRepository(uri);
    }

    private OptionalPackage withInstalled(OptionalPackage p) {
        boolean isInstalled;
        try {
            Feature feature = features.getFeature(p.feature(), FeatureUpdater.normalise(p.version()));
            isInstalled = feature != null && features.isInstalled(feature);
        } catch (Exception e) {
            isInstalled = false;
        }
        return new OptionalPackage(
                p.name(), p.aliases(), p.feature(), p.version(), p.description(), p.configTarget(), isInstalled);
    }
}
