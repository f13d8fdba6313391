// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated PMUs as qss devices: aliases, the {@code device:add} lines that register them, and the stream UUIDs
 * read back from {@code device:streams} output.
 */
final class Devices {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Devices() {}

    static String alias(int index) {
        return String.format("c37sim%04d", index + 1);
    }

    /**
     * Console command batches registering {@code pmus} PMUs served at {@code host:port}, IDCODEs from
     * {@code idcodeBase}, {@code perBatch} devices and one {@code saveCommand} per batch.
     */
    static List<String> addCommands(int pmus, String host, int port, int idcodeBase, int perBatch, String saveCommand) {
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < pmus; from += perBatch) {
            List<String> commands = new ArrayList<>();
            for (int i = from; i < Math.min(pmus, from + perBatch); i++) {
                commands.add("device:add c37118 " + alias(i) + " host=" + host + " port=" + port + " idcode="
                        + (idcodeBase + i));
            }
            if (!saveCommand.isBlank()) {
                commands.add(saveCommand);
            }
            batches.add(String.join("; ", commands));
        }
        return batches;
    }

    /**
     * The UUID of the stream to probe per device from {@code device:streams} output: lines naming
     * {@code /c37118/<alias>/} and a UUID; the FREQ stream when listed (every PMU has one), else the first.
     */
    static Map<String, UUID> probeStreams(String consoleOutput) {
        Map<String, UUID> chosen = new LinkedHashMap<>();
        Pattern path = Pattern.compile("/c37118/([^/\\s]+)/(\\S+)");
        for (String line : consoleOutput.split("\\R")) {
            Matcher p = path.matcher(line);
            Matcher u = UUID_TEXT.matcher(line);
            if (!p.find() || !u.find()) {
                continue;
            }
            String alias = p.group(1);
            boolean isFreq = p.group(2).endsWith("/FREQ") || p.group(2).equals("FREQ");
            if (!chosen.containsKey(alias) || isFreq) {
                chosen.put(alias, UUID.fromString(u.group()));
            }
        }
        return chosen;
    }
}
