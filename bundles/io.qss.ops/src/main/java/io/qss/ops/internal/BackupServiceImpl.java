// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.BackupService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Publishes {@link BackupService}. Store: {@code TimeSeriesStore.snapshot} (no ingest pause); restored through the
 * store's {@code DataArea} service, so into the backend and location the store is configured with. Raw spool: every file
 * up to the length it had when listed. Embedded MongoDB: a stable copy of its file, or, failing that, its component
 * is stopped for the copy (closed cleanly) and started again; an external MongoDB is not copied (the backup says so
 * and names mongodump). {@code etc/}: copied, and put back by a restore. The document seal key
 * ({@code keys/mongo-documents.hmac}) is copied and restored with the data, since the restored MongoDB documents are
 * sealed with it. A backup and everything restored are owner-only (0700 folders, 0600 files), as the data
 * directory. Operations are serialised.
 */
@Component(service = BackupService.class)
public final class BackupServiceImpl implements BackupService {

    private static final int FORMAT = 1;
    private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(90);
    private static final int MONGO_COPY_ATTEMPTS = 50;
    private static final Duration MONGO_COPY_BACKOFF = Duration.ofMillis(20);
    /** Written by io.qss.auth (DataDirectory.documentSealKey); named here because ops depends on no qss bundle. */
    static final String SEAL_KEY = "keys/mongo-documents.hmac";

    private final BundleContext context;
    private final ComponentPause pause;
    private final Path data;
    private final Path etc;
    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public BackupServiceImpl(
            @Reference ServiceComponentRuntime scr,
            @Reference ConfigurationAdmin configurationAdmin,
            BundleContext context) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.pause = new ComponentPause(scr);
        String configured = System.getProperty("qss.data", "").trim();
        this.data = Path.of(configured.isEmpty() ? "qss-data" : configured)
                .toAbsolutePath()
                .normalize();
        Path home = Path.of(System.getProperty("karaf.home", "."));
        this.etc = Path.of(System.getProperty("karaf.etc", home.resolve("etc").toString()));
    }

    @Override
    public synchronized String backup(Path target, Consumer<String> progress) throws IOException {
        Path dir = checkTarget(target);
        long start = System.nanoTime();
        Instant started = Instant.now();
        int storeFiles = StoreSnapshots.snapshot(context, dir.resolve("store")).size();
        progress.accept("store snapshot written [files=" + storeFiles + "]");
        DataFiles.copyListed(data.resolve("raw"), dir.resolve("raw"));
        progress.accept("raw spool copied");
        String mongoUri = mongoUri();
        long mongoPauseMs = 0;
        if (mongoUri.isEmpty()) {
            mongoPauseMs = copyMongo(dir.resolve("mongo"));
            progress.accept("MongoDB copied [pauseMs=" + mongoPauseMs + "]");
        } else {
            progress.accept(externalMongoNotice(mongoUri, dir));
        }
        DataFiles.copyListed(etc, dir.resolve("etc"));
        progress.accept("configuration copied [etc=" + etc + "]");
        if (Files.exists(data.resolve(SEAL_KEY))) {
            DataFiles.createOwnerOnlyDirectories(dir.resolve(SEAL_KEY).getParent());
            DataFiles.copyPrefix(data.resolve(SEAL_KEY), Files.size(data.resolve(SEAL_KEY)), dir.resolve(SEAL_KEY));
            progress.accept("document seal key copied [file=" + SEAL_KEY + "]");
        }
        long bytes = Manifest.write(
                dir,
                List.of(
                        "format=" + FORMAT,
                        "version=" + context.getBundle().getVersion(),
                        "started=" + started,
                        "finished=" + Instant.now(),
                        "contents=" + (mongoUri.isEmpty() ? "store,raw,mongo,etc" : "store,raw,etc"),
                        "mongo=" + (mongoUri.isEmpty() ? "embedded" : "external"),
                        "mongoPauseMs=" + mongoPauseMs));
        DataFiles.restrictTree(dir);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return "backup written [dir=" + dir + ", files=" + Manifest.files(dir).size() + ", bytes=" + bytes
                + ", ms=" + ms + ", mongoPauseMs=" + mongoPauseMs
                + (mongoUri.isEmpty() ? "" : ", mongo=external, NOT included: use mongodump") + "]";
    }

    private Path checkTarget(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (dir.startsWith(data) || data.startsWith(dir)) {
            throw new IOException(
                    "backup target must be outside the data directory [target=" + dir + ", data=" + data + "]");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("backup target not empty [target=" + dir + "]");
                }
            }
        }
        DataFiles.createOwnerOnlyDirectories(dir);
        return dir;
    }

    /**
     * Copies the embedded MongoDB's files without a pause when a stable copy succeeds; otherwise stops the MongoDB
     * component for the copy (its file is then closed cleanly). Returns the pause in ms (0 without one).
     */
    private long copyMongo(Path to) throws IOException {
        Path from = data.resolve("mongo");
        DataFiles.createOwnerOnlyDirectories(to);
        if (!Files.isDirectory(from) || copyStable(from, to)) {
            return 0;
        }
        long start = System.nanoTime();
        ComponentPause.Paused stopped = pause.stop(pause.ownersOf("mongo"));
        try {
            DataFiles.deleteContents(to);
            DataFiles.copyListed(from, to);
        } finally {
            pause.start(stopped);
        }
        return Math.max(1, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean copyStable(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(from)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            if (!StableCopy.copy(file, to.resolve(file.getFileName()), MONGO_COPY_ATTEMPTS, MONGO_COPY_BACKOFF)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized String restore(Path source, boolean isEtcRestored, Consumer<String> progress)
            throws IOException {
        Path dir = source.toAbsolutePath().normalize();
        int files = Manifest.verify(dir);
        progress.accept("manifest verified [files=" + files + "]");
        boolean isMongoExternal = Manifest.header(dir).contains("mongo=external");
        if (isMongoExternal) {
            progress.accept("the backup holds no MongoDB data (external MongoDB at backup time): restore it with"
                    + " mongorestore; the local mongo/ folder is left as it is");
        }
        return replaceData(dir, isEtcRestored, isMongoExternal, progress, "restored from " + dir);
    }

    @Override
    public synchronized String newDatabase(Consumer<String> progress) throws IOException {
        return replaceData(null, false, false, progress, "new empty database");
    }

    private String replaceData(
            Path from, boolean isEtcRestored, boolean isMongoKept, Consumer<String> progress, String what)
            throws IOException {
        long start = System.nanoTime();
        List<String> areas = isMongoKept ? List.of("store", "raw") : List.of("store", "raw", "mongo");
        for (String area : areas) {
            if (pause.ownersOf(area).isEmpty()) {
                // replacing files a running component keeps open would lose what it writes next
                throw new IOException("no component declares itself owner of a data area; nothing replaced [area="
                        + area + ", property=" + ComponentPause.AREA + "]");
            }
        }
        for (String area : areas) {
            DataAreas.describe(context, area)
                    .ifPresent(where -> progress.accept(area + " is replaced where it lives [" + where + "]"));
        }
        ComponentPause.Paused stopped = pause.stop(pause.dataOwners());
        progress.accept("ingest paused [components=" + stopped.disabled().size() + "]");
        try {
            for (String area : areas) {
                replaceArea(area, from == null ? null : from.resolve(area), progress);
            }
            if (from != null) {
                progress.accept(restoreSealKey(from, isMongoKept));
            }
            if (isEtcRestored) {
                // inside the pause, so the data components start with the restored configuration
                Path saveDir = Path.of(
                        System.getProperty("karaf.data", "data"),
                        "qss-restore",
                        "etc-" + Instant.now().toString().replace(':', '-'));
                progress.accept(
                        EtcRestore.restore(from.resolve("etc"), etc, saveDir).summary());
            }
        } finally {
            pause.start(stopped);
        }
        progress.accept("components started again");
        boolean serving = new StatusProbe(configurationAdmin).awaitServing(SERVING_TIMEOUT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (!serving) {
            throw new IOException(
                    what + " but qss does not serve again [timeoutS=" + SERVING_TIMEOUT.toSeconds() + "]");
        }
        return what + " [ms=" + ms + "]";
    }

    /**
     * Replaces one area while its owners are stopped: through the area's {@code DataArea} service when a bundle
     * registers one (the store, on whatever backend it is configured), else as the folder of the data directory.
     * The store area comes first, so that its refusals (another process holds its writer lease) change nothing.
     */
    private void replaceArea(String area, Path export, Consumer<String> progress) throws IOException {
        Optional<String> replaced = DataAreas.replace(context, area, export, progress);
        if (replaced.isPresent()) {
            progress.accept(replaced.get());
            DataFiles.restrictTree(data.resolve(area)); // owner-only, as a folder replaced here, when it is one
        } else {
            DataFiles.replace(data.resolve(area), export);
            progress.accept(area + (export == null ? " emptied" : " restored") + " [dir=" + data.resolve(area) + "]");
        }
    }

    /**
     * Puts the backup's document seal key in place while the data components (and with MongoDB, access control)
     * are stopped. A backup made before documents were sealed has none: when its MongoDB data is restored, the
     * current key goes, so the next start adopts the restored (unsealed) documents with a new key; when MongoDB is
     * kept, so is its key.
     */
    private String restoreSealKey(Path from, boolean isMongoKept) throws IOException {
        Path saved = from.resolve(SEAL_KEY);
        Path current = data.resolve(SEAL_KEY);
        if (Files.exists(saved)) {
            DataFiles.createOwnerOnlyDirectories(current.getParent());
            Path partial = current.resolveSibling(current.getFileName() + ".restoring");
            Files.deleteIfExists(partial);
            DataFiles.copyPrefix(saved, Files.size(saved), partial);
            Files.move(partial, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return "document seal key restored [file=" + SEAL_KEY + "]";
        }
        if (isMongoKept) {
            return "document seal key kept: the backup has none and MongoDB is not restored";
        }
        Files.deleteIfExists(current);
        return "the backup has no document seal key (made before documents were sealed): a new key adopts the "
                + "restored documents at start";
    }

    /** The configured external MongoDB URI, or empty for the embedded server. */
    private String mongoUri() {
        try {
            Dictionary<String, Object> properties =
                    configurationAdmin.getConfiguration("io.qss.mongo", null).getProperties();
            Object uri = properties == null ? null : properties.get("uri");
            return uri == null ? "" : uri.toString().trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Without the server's own tools the data of an external MongoDB cannot be copied consistently. */
    private static String externalMongoNotice(String uri, Path dir) {
        String withoutCredentials = uri.replaceFirst("//[^@/]*@", "//");
        return "MongoDB is external and NOT in this backup; export it with the server's own tool: mongodump"
                + " --uri='" + withoutCredentials + "' --out=" + dir.resolveSibling(dir.getFileName() + "-mongodump")
                + " (beside the backup: a file added inside it makes qss:restore refuse the backup)";
    }
}
