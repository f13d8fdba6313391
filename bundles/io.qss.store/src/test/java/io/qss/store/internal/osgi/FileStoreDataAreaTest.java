// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.spi.StoreBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store's data area on the {@code file} backend: a restore leaves the folder holding the export's files. */
class FileStoreDataAreaTest extends StoreDataAreaContract {

    private static final StoreBackend FILE = TestBackends.file();

    @Override
    protected StoreBackend backend() {
        return FILE;
    }

    @Override
    protected String location() {
        return dir.resolve("store").toString();
    }

    /** As the folder replacement did before volumes: the same files with the same bytes (plus the lock file). */
    @Test
    void givenExport_whenReplaced_thenFolderHoldsExactlyTheExportsFiles() throws Exception {
        Path export = storeWithExport(300, 200);
        area().replace(export, line -> {});
        Path store = Path.of(location());
        List<Path> exported = files(export);
        assertEquals(
                exported,
                files(store).stream().filter(p -> !p.toString().equals("LOCK")).toList());
        for (Path file : exported) {
            assertArrayEquals(
                    Files.readAllBytes(export.resolve(file)), Files.readAllBytes(store.resolve(file)), file.toString());
        }
    }

    private static List<Path> files(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            return all.filter(Files::isRegularFile)
                    .map(top::relativize)
                    .sorted()
                    .toList();
        }
    }
}
