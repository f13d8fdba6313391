// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.Set;

/**
 * Makes every successful write command durable before the driver hands its result to the caller.
 *
 * <p>The sync driver calls command listeners on the calling thread between the server's reply and the return of the
 * operation, so syncing here means an acknowledged write is on disk: the embedded server alone would keep the last
 * second of writes in memory only.
 */
final class DurableWriteListener implements CommandListener {

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findAndModify", "create", "drop", "dropDatabase",
            "createIndexes", "dropIndexes", "renameCollection", "bulkWrite");

    private final EmbeddedMongo server;

    DurableWriteListener(EmbeddedMongo server) {
        this.server = server;
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (WRITE_COMMANDS.contains(event.getCommandName())) {
            server.makeDurable();
        }
    }
}
