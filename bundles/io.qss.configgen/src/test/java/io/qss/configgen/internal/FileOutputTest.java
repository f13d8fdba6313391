// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.FileRoot;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.Target;
import io.qss.configgen.WrittenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {

    @TempDir
    Path out;

    private static GeneratedFile file(FileRoot root, String path, String content) {
        return new GeneratedFile(Target.SHOREWALL, root, path, content);
    }

    @Test
    void givenAnOutputDirectory_whenWriting_thenSystemFilesMirrorEtcAndQssFilesGoUnderQss() throws Exception {
        List<WrittenFile> written = FileOutput.under(out)
                .write(List.of(
                        file(FileRoot.SYSTEM, "etc/shorewall/rules", "a\n"),
                        file(FileRoot.DISTRIBUTION, "etc/io.qss.receiver.cfg", "port = 1883\n")));

        assertEquals("a\n", Files.readString(out.resolve("etc/shorewall/rules")));
        assertEquals("port = 1883\n", Files.readString(out.resolve("qss/etc/io.qss.receiver.cfg")));
        assertTrue(written.stream().allMatch(w -> w.isChanged() && w.backup() == null));
    }

    @Test
    void givenAnExistingDifferentFile_whenWriting_thenTheOldContentIsKeptAsBak() throws Exception {
        Path rules = out.resolve("etc/shorewall/rules");
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, "old\n");

        WrittenFile first = FileOutput.under(out)
                .write(List.of(file(FileRoot.SYSTEM, "etc/shorewall/rules", "new\n")))
                .get(0);
        WrittenFile second = FileOutput.under(out)
                .write(List.of(file(FileRoot.SYSTEM, "etc/shorewall/rules", "newer\n")))
                .get(0);

        assertEquals(rules.resolveSibling("rules.bak"), first.backup());
        assertEquals("old\n", Files.readString(first.backup()));
        assertEquals(rules.resolveSibling("rules.bak.1"), second.backup());
        assertEquals("new\n", Files.readString(second.backup()));
        assertEquals("newer\n", Files.readString(rules));
    }

    @Test
    void givenAFileWithTheSameContent_whenWriting_thenItIsLeftAloneWithoutBackup() throws Exception {
        FileOutput output = FileOutput.under(out);
        output.write(List.of(file(FileRoot.SYSTEM, "etc/default/apcupsd", "ISCONFIGURED=yes\n")));

        WrittenFile again = output.write(List.of(file(FileRoot.SYSTEM, "etc/default/apcupsd", "ISCONFIGURED=yes\n")))
                .get(0);

        assertFalse(again.isChanged());
        assertNull(again.backup());
        assertFalse(Files.exists(out.resolve("etc/default/apcupsd.bak")));
    }

    @Test
    void givenADirectoryWhereTheFileGoes_whenWriting_thenTheErrorNamesThePath() throws Exception {
        Files.createDirectories(out.resolve("etc/shorewall/rules/x"));

        ConfigGenException e = assertThrows(
                ConfigGenException.class,
                () -> FileOutput.under(out).write(List.of(file(FileRoot.SYSTEM, "etc/shorewall/rules", "a\n"))));

        assertTrue(e.getMessage().startsWith("writing a configuration file failed [path="), e.getMessage());
        assertTrue(e.getMessage().contains("etc/shorewall/rules"), e.getMessage());
    }
}
