// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import static io.qss.shell.internal.CommandFakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.auth.AuthAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlotterTagConfigCommandTest {

    private final List<String> calls = new ArrayList<>();

    private PlotterTagConfigCommand command(String tag, List<String> prefixes, boolean isClear) {
        PlotterTagConfigCommand c = new PlotterTagConfigCommand();
        c.admin = fake(
                AuthAdmin.class,
                calls,
                Map.of("tagConfig", a -> Map.of("lab", List.of("/upmu/a")), "ignoredDocuments", a -> List.of()));
        c.tag = tag;
        c.prefixes = prefixes;
        c.isClear = isClear;
        return c;
    }

    @Test
    void givenTagOnly_whenRun_thenShownNotEmptied() throws Exception {
        command("lab", null, false).execute();

        assertEquals(List.of("tagConfig()", "ignoredDocuments()"), calls);
    }

    @Test
    void givenClear_whenRun_thenTagEmptied() throws Exception {
        command("lab", null, true).execute();

        assertEquals(List.of("setTagPrefixes(lab, [])", "tagConfig()", "ignoredDocuments()"), calls);
    }

    @Test
    void givenPrefixes_whenRun_thenSet() throws Exception {
        command("lab", List.of("/upmu/b"), false).execute();

        assertEquals(List.of("setTagPrefixes(lab, [/upmu/b])", "tagConfig()", "ignoredDocuments()"), calls);
    }

    @Test
    void givenClearWithPrefixes_whenRun_thenRefusedAndNothingChanged() {
        assertThrows(
                IllegalArgumentException.class,
                () -> command("lab", List.of("/upmu/b"), true).execute());

        assertEquals(List.of(), calls);
    }
}
