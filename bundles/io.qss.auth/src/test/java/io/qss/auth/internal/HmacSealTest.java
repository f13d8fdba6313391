// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacSealTest {

    private final HmacSeal seal = new HmacSeal(new byte[HmacSeal.KEY_BYTES]);

    @Test
    void givenFieldsSplitDifferently_whenSealed_thenSealsDiffer() {
        assertNotEquals(seal.seal("c", "id", List.of("ab", "c")), seal.seal("c", "id", List.of("a", "bc")));
        assertNotEquals(seal.seal("c", "id", List.of("true")), seal.seal("c", "id", List.of(true)));
        assertNotEquals(seal.seal("qss.apikeys", "a", List.of("x")), seal.seal("qss.apikeysa", "", List.of("x")));
    }

    @Test
    void givenSetsInAnyOrderWithDuplicates_whenSealed_thenSameSeal() {
        assertEquals(
                seal.seal("c", "id", List.of(List.of("b", "a", "a"))), seal.seal("c", "id", List.of(Set.of("a", "b"))));
    }

    @Test
    void givenSealOfOneDocument_whenCheckedAgainstAnother_thenRefused() {
        String value = seal.seal("qss.apikeys", "0a1b2c3d", List.of("hash", Set.of("all"), true));
        assertTrue(seal.isSealed("qss.apikeys", "0a1b2c3d", List.of("hash", Set.of("all"), true), value));
        assertFalse(seal.isSealed("qss.apikeys", "ffffffff", List.of("hash", Set.of("all"), true), value));
        assertFalse(seal.isSealed("qss.apikeys", "0a1b2c3d", List.of("hash", Set.of("all"), false), value));
        assertFalse(seal.isSealed("mr_plotter.accounts", "0a1b2c3d", List.of("hash", Set.of("all"), true), value));
        assertFalse(
                new HmacSeal(new byte[] {
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                            26, 27, 28, 29, 30, 31, 32
                        })
                        .isSealed("qss.apikeys", "0a1b2c3d", List.of("hash", Set.of("all"), true), value),
                "another secret");
        assertFalse(seal.isSealed("qss.apikeys", "0a1b2c3d", List.of("hash", Set.of("all"), true), null));
    }

    @Test
    void givenNewKeyNotYetCommitted_whenLoadedAgain_thenSameSecretStillPending(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/mongo-documents.hmac");
        SealKey first = SealKey.loadOrCreate(file);
        SealKey again = SealKey.loadOrCreate(file);
        assertTrue(first.isPending() && again.isPending());
        assertArrayEquals(first.bytes(), again.bytes(), "a failed adoption is repeated with the same secret");
        assertFalse(Files.exists(file));

        SealKey committed = again.commit();
        assertFalse(committed.isPending());
        assertArrayEquals(first.bytes(), Files.readAllBytes(file));
        assertFalse(SealKey.loadOrCreate(file).isPending());
    }
}
