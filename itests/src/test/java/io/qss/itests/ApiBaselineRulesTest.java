// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ApiBaselineRulesTest {

    @Test
    void givenRemovalOrAddition_whenBumped_thenOnlyTheNeededBumpOrMoreCovers() {
        assertTrue(ApiBaselineIT.bumpCovers("1.2.0", "2.0.0", true, true));
        assertFalse(ApiBaselineIT.bumpCovers("1.2.0", "1.3.0", true, false));
        assertTrue(ApiBaselineIT.bumpCovers("1.2.0", "1.3.0", false, true));
        assertTrue(ApiBaselineIT.bumpCovers("1.2.0", "2.0.0", false, true));
        assertFalse(ApiBaselineIT.bumpCovers("1.2.0", "1.2.1", false, true));
        assertTrue(ApiBaselineIT.bumpCovers("1.2.0", "1.2.0", false, false));
    }

    @Test
    void givenAnInterfaceClassFile_whenRead_thenTypeLineAndAbstractMethodsListed() throws IOException {
        ApiSignatures api = new ApiSignatures();
        api.add(classFile(Sample.class));

        assertTrue(
                api.lines().contains("type io.qss.itests.ApiBaselineRulesTest$Sample interface"),
                api.lines()::toString);
        assertTrue(
                api.lines().contains("io.qss.itests.ApiBaselineRulesTest$Sample#size()I abstract"),
                api.lines()::toString);
        assertTrue(
                api.lines().contains("io.qss.itests.ApiBaselineRulesTest$Sample#isEmpty()Z default"),
                api.lines()::toString);
        assertEquals(3, api.lines().size(), api.lines()::toString);
        assertFalse(api.breaksImplementers("io.qss.itests.ApiBaselineRulesTest$Sample#size()I abstract"));
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** A public nested interface: its API is two methods. */
    public interface Sample {
        int size();

        default boolean isEmpty() {
            return size() == 0;
        }
    }
}
