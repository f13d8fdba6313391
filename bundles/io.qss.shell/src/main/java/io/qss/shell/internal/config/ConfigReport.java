// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import io.qss.configgen.GeneratedFile;
import io.qss.configgen.ServedPort;
import io.qss.configgen.Target;
import io.qss.configgen.WrittenFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code qss:config} prints: the ports the firewall opens, each file written, and how to go on. */
final class ConfigReport {

    private ConfigReport() {}

    /** Which interface the files name, and why: the firewall on the wrong one would not protect anything. */
    static String interfaceLine(String chosen, String defaultInterface) {
        return chosen == null || chosen.isBlank()
                ? "interface: " + defaultInterface + " (of the default route; --interface NAME to choose)\n"
                : "interface: " + chosen.trim() + " (--interface)\n";
    }

    static String ports(List<ServedPort> ports, boolean isSshAllowed) {
        StringBuilder out = new StringBuilder("ports opened to the net zone (from the live configuration):\n");
        for (ServedPort port : ports) {
            out.append(String.format("  %5d  %-40s %s%n", port.port(), port.what(), port.source()));
        }
        if (isSshAllowed) {
            out.append(String.format("  %5d  %-40s %s%n", 22, "SSH", "--no-ssh closes it"));
        }
        return out.toString();
    }

    static String written(List<WrittenFile> files) {
        StringBuilder out = new StringBuilder();
        for (WrittenFile file : files) {
            if (!file.isChanged()) {
                out.append("unchanged ").append(file.path()).append('\n');
            } else if (file.backup() != null) {
                out.append("wrote     ")
                        .append(file.path())
                        .append(" (previous kept as ")
                        .append(file.backup())
                        .append(")\n");
            } else {
                out.append("wrote     ").append(file.path()).append('\n');
            }
        }
        return out.toString();
    }

    static String printed(List<GeneratedFile> files) {
        StringBuilder out = new StringBuilder();
        for (GeneratedFile file : files) {
            out.append("==> ")
                    .append(file.root().name().toLowerCase(Locale.ROOT))
                    .append(": ")
                    .append(file.path())
                    .append(" <==\n")
                    .append(file.content())
                    .append('\n');
        }
        return out.toString();
    }

    /** The next steps: check, then apply (or, once applied, activate). */
    static String nextSteps(List<GeneratedFile> files, Path outDir, boolean isApplied) {
        StringBuilder out = new StringBuilder();
        boolean hasShorewall = files.stream().anyMatch(f -> f.target() == Target.SHOREWALL);
        boolean hasNic = files.stream().anyMatch(f -> f.target() == Target.NIC);
        boolean hasApcupsd = files.stream().anyMatch(f -> f.target() == Target.APCUPSD);
        if (!isApplied) {
            if (hasShorewall) {
                out.append("check:    shorewall check ")
                        .append(outDir.resolve("etc/shorewall"))
                        .append('\n');
            }
            out.append("apply:    the same command with --apply (writes /etc, keeps a .bak of each changed file)\n");
            return out.toString();
        }
        if (hasShorewall) {
            out.append("next:     shorewall check && systemctl enable shorewall && shorewall safe-restart\n");
        }
        if (hasNic) {
            out.append("next:     ifdown <interface> && ifup <interface> (from the console of the machine)\n");
        }
        if (hasApcupsd) {
            out.append("next:     systemctl restart apcupsd\n");
        }
        return out.toString();
    }
}
