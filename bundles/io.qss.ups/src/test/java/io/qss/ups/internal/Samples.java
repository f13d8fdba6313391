// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Golden apcupsd status outputs under {@code src/test/resources/apcupsd/}. */
public final class Samples {

    private Samples() {}

    /** The lines of an APC Smart-UPS 750 on USB, online, as apcupsd 3.14 writes them. */
    public static List<String> online() {
        return read("smt750-online.status");
    }

    /** The same UPS with its STATUS line replaced, e.g. {@code ONBATT} or {@code ONBATT LOWBATT}. */
    public static List<String> withStatus(String status) {
        return online().stream()
                .map(l -> l.startsWith("STATUS ") ? "STATUS   : " + status + " " : l)
                .toList();
    }

    private static List<String> read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/apcupsd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
