// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import com.mongodb.client.MongoClient;
import io.qss.auth.AuthAdmin;
import io.qss.receiver.Spool;
import io.qss.registry.DeviceRegistry;
import io.qss.shell.internal.migrate.Migration;
import io.qss.shell.internal.upmu.Services;
import io.qss.store.api.TimeSeriesStore;
import io.qss.sync.SyncService;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bson.BsonDocument;

/**
 * {@code qss:migrate SOURCE [--upmuconfig FILE] [--tagconfig FILE] [--verify]}: moves a Quickstart Server into qss
 * (see docs/migration.md); {@code bin/qss-get --migrate} runs it. Running it again resumes an interrupted migration.
 */
@Service
@Command(
        scope = "qss",
        name = "migrate",
        description = "Moves a Quickstart Server (mongodump folder or mongodb:// URI,"
                + " upmuconfig.ini, tagconfig.json) into qss; --verify compares files and points per device")
public class MigrateCommand implements Action {

    @Argument(
            index = 0,
            name = "source",
            required = true,
            description = "the old server's mongodump folder (holding"
                    + " upmu_database/ and mr_plotter/) or its mongodb:// URI")
    String source;

    @Option(
            name = "--upmuconfig",
            description = "the old upmuconfig.ini: devices, aliases, modes, stream UUIDs and"
                    + " Paths (qss's devices must all be in it)")
    String upmuconfig;

    @Option(name = "--tagconfig", description = "the old Mr. Plotter tagconfig.json (tag -> path prefixes)")
    String tagconfig;

    @Option(name = "--verify", description = "migrate nothing: compare files and points per device of SOURCE with qss")
    boolean isVerify;

    @Option(name = "--no-wait", description = "return once the files are spooled, without waiting for sync")
    boolean isNotWaiting;

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference(optional = true)
    SyncService sync;

    @Reference(optional = true)
    Spool spool;

    @Reference(optional = true)
    TimeSeriesStore store;

    @Reference
    AuthAdmin admin;

    @Reference
    MongoClient mongo;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        Services.require(sync, "SyncService (qss-sync)");
        if (isVerify) {
            Services.require(store, "TimeSeriesStore (qss-store)");
            Migration.Verdict verdict = Migration.verify(source, registry, sync, store, System.out);
            if (!verdict.isMatching()) {
                throw new IllegalStateException("verify: qss differs from the source [source=" + source + "]");
            }
            return null;
        }
        Services.require(spool, "Spool (qss-receiver)");
        Migration.Target target = new Migration.Target(
                registry,
                admin,
                spool,
                sync,
                mongo.getDatabase("mr_plotter").getCollection("permalinks", BsonDocument.class));
        new Migration(target, System.out)
                .run(new Migration.Options(source, path(upmuconfig), path(tagconfig), !isNotWaiting));
        return null;
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file).toAbsolutePath();
    }
}
