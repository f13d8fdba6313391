// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import static io.qss.shell.internal.CommandFakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.registry.DeviceChange;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upmu:rem and upmu:import-ini ask before they delete data or replace the configuration. */
class DeviceCommandsTest {

    private static final RegisteredDevice DEVICE =
            new RegisteredDevice("10.0.0.1", "P3001035", "x", false, 1, Map.of(), Map.of());

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();

    private DeviceRegistry registry() {
        return fake(
                DeviceRegistry.class,
                calls,
                Map.of(
                        "findPending", a -> a[0].equals("x") ? Optional.of(DEVICE) : Optional.empty(),
                        "remove", a -> DEVICE,
                        "previewIni",
                                a -> List.of(new DeviceChange(DeviceChange.Kind.REMOVED, "P3001035", "x", List.of())),
                        "importIni", a -> 0));
    }

    private Session answering(String line) {
        return fake(Session.class, calls, Map.of("readLine", a -> line));
    }

    private RemCommand rem(String key, boolean isDataDeleted, boolean isConfirmed, String answer) {
        RemCommand c = new RemCommand();
        c.registry = registry();
        c.session = answering(answer);
        c.key = key;
        c.isDataDeleted = isDataDeleted;
        c.isConfirmed = isConfirmed;
        return c;
    }

    @Test
    void givenDeleteDataNotConfirmed_whenRem_thenNothingRemoved() throws Exception {
        rem("x", true, false, "no").execute();

        assertTrue(calls.stream().noneMatch(c -> c.startsWith("remove")), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("readLine")), calls.toString());
    }

    @Test
    void givenDeleteDataTypedDelete_whenRem_thenRemovedWithData() throws Exception {
        rem("x", true, false, "delete").execute();

        assertTrue(calls.contains("remove(P3001035, true)"), calls.toString());
    }

    @Test
    void givenDeleteDataWithYes_whenRem_thenRemovedWithDataWithoutAsking() throws Exception {
        rem("x", true, true, null).execute();

        assertTrue(calls.contains("remove(P3001035, true)"), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("readLine")), calls.toString());
    }

    @Test
    void givenPlainRem_whenRun_thenDataKeptAndNoQuestion() throws Exception {
        rem("x", false, false, null).execute();

        assertTrue(calls.contains("remove(P3001035, false)"), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("readLine")), calls.toString());
    }

    @Test
    void givenUnknownDevice_whenRem_thenErrorNamesIt() {
        Exception e = assertThrows(
                IllegalArgumentException.class,
                () -> rem("nope", false, false, null).execute());

        assertTrue(e.getMessage().startsWith("no device named nope"), e.getMessage());
    }

    private ImportIniCommand importIni(boolean isDryRun, boolean isReplace, String answer) throws Exception {
        ImportIniCommand c = new ImportIniCommand();
        c.registry = registry();
        c.session = answering(answer);
        c.file = Files.writeString(dir.resolve("upmuconfig.ini"), "# empty\n").toString();
        c.isDryRun = isDryRun;
        c.isReplaceConfirmed = isReplace;
        return c;
    }

    @Test
    void givenDryRun_whenImportIni_thenPreviewedOnly() throws Exception {
        importIni(true, false, null).execute();

        assertEquals(List.of("previewIni(# empty\n)"), calls);
    }

    @Test
    void givenNotConfirmed_whenImportIni_thenNotImported() throws Exception {
        importIni(false, false, "no").execute();

        assertTrue(calls.stream().noneMatch(c -> c.startsWith("importIni")), calls.toString());
    }

    @Test
    void givenTypedReplaceOrOption_whenImportIni_thenImported() throws Exception {
        importIni(false, false, "replace").execute();
        importIni(false, true, null).execute();

        assertEquals(2, calls.stream().filter(c -> c.startsWith("importIni")).count(), calls.toString());
    }

    @Test
    void givenMissingFile_whenImportIni_thenErrorNamesIt() {
        ImportIniCommand c = new ImportIniCommand();
        c.registry = registry();
        c.file = dir.resolve("nope.ini").toString();

        Exception e = assertThrows(IllegalArgumentException.class, c::execute);

        assertTrue(e.getMessage().startsWith("no such file "), e.getMessage());
    }
}
