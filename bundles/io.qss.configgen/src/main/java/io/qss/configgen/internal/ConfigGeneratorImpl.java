// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.ConfigGenerator;
import io.qss.configgen.FileRoot;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.GenerationOptions;
import io.qss.configgen.ServedPort;
import io.qss.configgen.Target;
import io.qss.configgen.WrittenFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The generators behind {@link ConfigGenerator}, without OSGi: the live configuration comes from a supplier (the DS
 * component reads ConfigurationAdmin), the default interface from a routing table. Thread-safe: it keeps no state.
 */
public final class ConfigGeneratorImpl implements ConfigGenerator {

    /** Reads the live configuration. */
    @FunctionalInterface
    public interface LiveSource {
        LiveConfiguration read() throws ConfigGenException;
    }

    private final LiveSource live;
    private final Path routeTable;
    private final Map<FileRoot, Path> applyRoots;

    /**
     * @param live       the current configuration of the listener PIDs, read at each call
     * @param routeTable the kernel's routing table, normally {@code /proc/net/route}
     * @param applyRoots where {@link #apply} writes each root: SYSTEM → {@code /}, DISTRIBUTION → Karaf's home
     */
    public ConfigGeneratorImpl(LiveSource live, Path routeTable, Map<FileRoot, Path> applyRoots) {
        this.live = live;
        this.routeTable = routeTable;
        this.applyRoots = Map.copyOf(applyRoots);
    }

    @Override
    public List<GeneratedFile> generate(Target target, GenerationOptions options) throws ConfigGenException {
        LiveConfiguration configuration = live.read();
        String interfaceName =
                options.interfaceName() == null || options.interfaceName().isBlank()
                        ? defaultInterface()
                        : options.interfaceName().trim();
        NicGenerator.requireInterfaceName(interfaceName);
        List<GeneratedFile> files = new ArrayList<>();
        if (target == Target.QSS || target == Target.ALL) {
            files.addAll(new QssConfigGenerator().generate(configuration));
        }
        if (target == Target.NIC || (target == Target.ALL && options.nic() != null)) {
            files.addAll(new NicGenerator().generate(interfaceName, options.nic()));
        }
        if (target == Target.SHOREWALL || target == Target.ALL) {
            files.addAll(new ShorewallGenerator()
                    .generate(
                            interfaceName,
                            configuration.servedPorts(),
                            options.isSshAllowed(),
                            options.isPingAllowed()));
        }
        if (target == Target.APCUPSD || target == Target.ALL) {
            files.addAll(new ApcupsdGenerator().generate());
        }
        return List.copyOf(files);
    }

    @Override
    public String defaultInterface() {
        return DefaultRoute.interfaceName(routeTable);
    }

    @Override
    public List<ServedPort> servedPorts() throws ConfigGenException {
        return live.read().servedPorts();
    }

    @Override
    public List<WrittenFile> write(List<GeneratedFile> files, Path outDir) throws ConfigGenException {
        return FileOutput.under(outDir).write(files);
    }

    @Override
    public List<WrittenFile> apply(List<GeneratedFile> files) throws ConfigGenException {
        return new FileOutput(applyRoots).write(files);
    }
}
