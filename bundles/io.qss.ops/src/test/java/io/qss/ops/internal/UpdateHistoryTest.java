// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateHistoryTest {

    @TempDir
    Path dir;

    @Test
    void givenNoUpdateYet_whenAsked_thenNothingRecorded() throws Exception {
        assertEquals(Optional.empty(), new UpdateHistory(dir.resolve("qss-updates")).previous());
    }

    @Test
    void givenTwoUpdates_whenAskedByANewInstance_thenTheLastRecordedVersionSurvives() throws Exception {
        new UpdateHistory(dir.resolve("qss-updates")).recordPrevious("0.1.0");
        new UpdateHistory(dir.resolve("qss-updates")).recordPrevious("0.1.1");
        assertEquals(Optional.of("0.1.1"), new UpdateHistory(dir.resolve("qss-updates")).previous());
    }
}
