// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks our client and parser against apcupsd's own client: {@code apcaccess} (Debian package {@code apcupsd})
 * asks the same server, and its output must parse to exactly what our client read. Skipped without apcaccess.
 */
class ApcaccessFormatTest {

    private static final Path APCACCESS = Path.of("/usr/sbin/apcaccess");

    @Test
    void givenSameServer_whenApcaccessAsks_thenOurParseEqualsItsOutput() throws Exception {
        assumeTrue(Files.isExecutable(APCACCESS), "apcaccess not installed (apt-get install apcupsd)");
        try (NisServer server = new NisServer(Samples.withStatus("ONBATT"))) {
            Process apcaccess = new ProcessBuilder(APCACCESS.toString(), "-h", "127.0.0.1:" + server.port(), "status")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(apcaccess.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(true, apcaccess.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, apcaccess.exitValue(), output);

            ApcStatus theirs = ApcStatus.parse(output.lines().toList());
            ApcStatus ours = ApcStatus.parse(new NisClient("127.0.0.1", server.port(), Duration.ofSeconds(2)).status());

            assertEquals(theirs.values(), ours.values());
            assertEquals(42, ours.values().size());
            assertEquals("ONBATT", ours.values().get("STATUS"));
        }
    }
}
