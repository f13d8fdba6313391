// SPDX-License-Identifier: Apache-2.0
package io.qss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataDirectory.PROPERTY);
    }

    @Test
    void givenPropertySet_whenResolved_thenSubdirectoriesSitBelowIt() {
        System.setProperty(DataDirectory.PROPERTY, "/srv/qss/../qss-data");
        DataDirectory dir = DataDirectory.fromSystemProperties();
        assertEquals(Path.of("/srv/qss-data"), dir.root());
        assertEquals(Path.of("/srv/qss-data/store"), dir.store());
        assertEquals(Path.of("/srv/qss-data/mongo"), dir.mongo());
    }

    @Test
    void givenPropertyBlank_whenResolved_thenDefaultsUnderWorkingDirectory() {
        System.setProperty(DataDirectory.PROPERTY, " ");
        assertEquals(Path.of(DataDirectory.DEFAULT_NAME).toAbsolutePath(), DataDirectory.fromSystemProperties().root());
    }
}
