// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.receiver.SpooledFile;
import java.io.IOException;

/**
 * Where the spool keeps a second copy of every file it stores until sync has ingested it, so that another node can
 * ingest what this one acknowledged (receiver option {@code spool.shared}). {@link #NONE} keeps none.
 */
interface SharedCopies {

    /** Keeps no copies: the spool as it was before sharing. */
    SharedCopies NONE = new SharedCopies() {
        @Override
        public String refusal() {
            return null;
        }

        @Override
        public void put(SpooledFile file) {}

        @Override
        public void ingested(String serial, String spoolPath) {}
    };

    /** Why new files cannot be copied now (they are refused, the device keeps them), or null when they can. */
    String refusal();

    /**
     * Copies a file that is durably in the local spool, durably, before it is acknowledged.
     *
     * @throws IOException when the copy could not be made; the file must not be acknowledged then
     */
    void put(SpooledFile file) throws IOException;

    /** Sync is done with the file: drops its copy, in the background. */
    void ingested(String serial, String spoolPath);
}
