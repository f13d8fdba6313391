// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.configgen.GenerationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated file against its golden copy in {@code src/test/resources/golden/<case>/}, laid out as
 * {@code qss:config --out} lays it out. {@code -Dqss.golden.update=true} rewrites the golden files.
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path out;

    @Test
    void givenDefaultConfiguration_whenGeneratingAll_thenFilesMatchTheGoldenCopies() throws Exception {
        assertGolden("default", Fixtures.defaults(), Fixtures.OPTIONS);
    }

    @Test
    void givenProductionPortsWithoutSsh_whenGeneratingAll_thenFilesMatchTheGoldenCopies() throws Exception {
        GenerationOptions options = new GenerationOptions("enp3s0", false, false, null);
        assertGolden("production", Fixtures.PRODUCTION, options);
    }

    private void assertGolden(String name, LiveConfiguration live, GenerationOptions options) throws Exception {
        Fixtures.generator(live).write(Fixtures.all(live, options), out);
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("qss.golden.update")) {
            copyTree(out, golden);
        }
        assertEquals(files(golden), files(out), "the generated files differ from the golden set [case=" + name + "]");
        for (String file : files(out)) {
            assertEquals(
                    Files.readString(golden.resolve(file), StandardCharsets.UTF_8),
                    Files.readString(out.resolve(file), StandardCharsets.UTF_8),
                    "golden file differs [file=" + file + "]");
        }
    }

    private static TreeSet<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String file : List.copyOf(files(from))) {
            Files.createDirectories(to.resolve(file).getParent());
            Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
