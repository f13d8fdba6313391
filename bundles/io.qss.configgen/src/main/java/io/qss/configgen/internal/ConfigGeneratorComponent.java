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
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Publishes the {@link ConfigGenerator}. The ports come from ConfigurationAdmin at each call (an optional
 * reference: without it, or for a PID without configuration, the defaults of the listeners' metatypes apply, read
 * through the MetaTypeService at each call); {@code --apply} writes to {@code /} and to Karaf's home
 * ({@code karaf.base}).
 */
@Component(service = ConfigGenerator.class)
public final class ConfigGeneratorComponent implements ConfigGenerator {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configurationAdmin;

    private final ConfigGeneratorImpl generator;
    private final BundleContext context;
    private final MetaTypeService metaTypes;

    @Activate
    public ConfigGeneratorComponent(BundleContext context, @Reference MetaTypeService metaTypes) {
        this.context = context;
        this.metaTypes = metaTypes;
        String base = context.getProperty("karaf.base");
        Path home = Path.of(base == null || base.isBlank() ? "." : base)
                .toAbsolutePath()
                .normalize();
        generator = new ConfigGeneratorImpl(
                this::readLive,
                Path.of("/proc/net/route"),
                Map.of(FileRoot.SYSTEM, Path.of("/"), FileRoot.DISTRIBUTION, home));
    }

    @Override
    public List<GeneratedFile> generate(Target target, GenerationOptions options) throws ConfigGenException {
        return generator.generate(target, options);
    }

    @Override
    public String defaultInterface() {
        return generator.defaultInterface();
    }

    @Override
    public List<ServedPort> servedPorts() throws ConfigGenException {
        return generator.servedPorts();
    }

    @Override
    public List<WrittenFile> write(List<GeneratedFile> files, Path outDir) throws ConfigGenException {
        return generator.write(files, outDir);
    }

    @Override
    public List<WrittenFile> apply(List<GeneratedFile> files) throws ConfigGenException {
        return generator.apply(files);
    }

    private LiveConfiguration readLive() throws ConfigGenException {
        return ConfigAdminReader.read(
                configurationAdmin, MetatypePorts.read(context.getBundles(), metaTypes, LiveConfiguration.PORT_PIDS));
    }
}
