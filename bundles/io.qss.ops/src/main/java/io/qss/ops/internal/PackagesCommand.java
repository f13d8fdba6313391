// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.OptionalPackage;
import io.qss.ops.PackageService;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code qss:packages ARCHIVE [names...] [--all] [--list]}: the manual's {@code qss-get -p}. A package with a
 * configuration target (apcupsd) also gets its configuration written through {@code qss:config}, which this bundle
 * runs as a command rather than importing the generator (the generator is swapped by updates, this bundle is not).
 */
@Service
@Command(
        scope = "qss",
        name = "packages",
        description =
                "Installs optional packages (e.g. apcupsd) from a"
                        + " qss-packages-<version>.tar.gz: verifies its checksums first, then installs and starts their features")
public class PackagesCommand implements Action {

    @Argument(
            index = 0,
            name = "archive",
            required = true,
            description = "Path of the qss-packages-<version>.tar.gz archive (or the folder it was unpacked into)")
    String archive;

    @Argument(index = 1, name = "packages", multiValued = true, description = "Package names or aliases")
    List<String> names = List.of();

    @Option(name = "--all", aliases = "-a", description = "Install every package of the archive")
    boolean isAll;

    @Option(name = "--list", aliases = "-l", description = "Only list the archive's packages and whether installed")
    boolean isList;

    @Option(
            name = "--apply-config",
            description = "Write package configuration to the real /etc (qss:config"
                    + " --apply) instead of the qss home's generated-config/")
    boolean isApplyConfig;

    @Reference
    PackageService packageService;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        if (isList) {
            print(packageService.list(Path.of(archive)));
            return null;
        }
        List<OptionalPackage> installed =
                packageService.install(Path.of(archive), names == null ? List.of() : names, isAll, Confirm::print);
        for (OptionalPackage p : installed) {
            if (!p.configTarget().isEmpty()) {
                String command = "qss:config " + p.configTarget() + (isApplyConfig ? " --apply" : "");
                Confirm.print(p.name() + ": writing its configuration (" + command + ")");
                session.execute(command);
            }
        }
        Confirm.print("packages installed: "
                + String.join(
                        ", ", installed.stream().map(OptionalPackage::name).toList()));
        return null;
    }

    private static void print(List<OptionalPackage> packages) {
        System.out.printf(
                "%-10s %-8s %-10s %-16s %-9s %s%n",
                "PACKAGE", "ALIASES", "FEATURE", "VERSION", "INSTALLED", "DESCRIPTION");
        for (OptionalPackage p : packages) {
            System.out.printf(
                    "%-10s %-8s %-10s %-16s %-9s %s%n",
                    p.name(),
                    String.join(",", p.aliases()),
                    p.feature(),
                    p.version(),
                    p.isInstalled() ? "yes" : "no",
                    p.description());
        }
    }
}
