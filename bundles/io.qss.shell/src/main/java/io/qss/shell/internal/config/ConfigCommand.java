// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.ConfigGenerator;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.Target;
import io.qss.configgen.WrittenFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;

/** {@code qss:config TARGET...}: the manual's {@code qss-get --config} (chapters 7, 13, 14, 15). */
@Service
@Command(
        scope = "qss",
        name = "config",
        description = "Generates Shorewall, apcupsd, network-interface and qss listener configuration",
        detailedDescription = """
                Generates configuration from the live qss configuration (ports)
                and the options given. Several targets may be given; options may
                come before or after them.
                  qss        etc/<pid>.cfg of the qss listeners, live values
                  nic        /etc/network/interfaces, static (needs --address)
                  shorewall  /etc/shorewall/{interfaces,zones,policy,rules,
                             shorewall.conf}, /etc/default/shorewall: only the
                             ports qss serves, SSH and ping are open
                  apcupsd    /etc/apcupsd/apcupsd.conf, /etc/default/apcupsd:
                             APC SMT750 on USB, shutdown after 30 s on battery
                  all        all of them (nic only with --address)
                Files go to --out DIR (default: <qss home>/generated-config),
                mirroring /: DIR/etc/shorewall/rules, qss files in DIR/qss/etc/.
                --apply writes to / and the qss home instead. An existing file
                with other content is first kept as NAME.bak (or NAME.bak.N).
                Examples:
                  qss:config shorewall --out /tmp/fw
                  qss:config nic --address 10.0.0.5/24 --gateway 10.0.0.1
                      --dns 10.0.0.1 --apply
                  qss:config all --no-ssh --print""")
public class ConfigCommand implements Action {

    @Reference
    ConfigGenerator generator;

    @Reference
    BundleContext bundleContext;

    @Argument(
            index = 0,
            name = "targets",
            required = true,
            multiValued = true,
            description = "qss | nic | shorewall | apcupsd | all, one or more; options may follow")
    List<String> words;

    @Option(name = "--out", description = "directory to write into, mirroring / (default: <qss home>/generated-config)")
    String out;

    @Option(name = "--apply", description = "write to the real /etc and the qss home, keeping a .bak of changed files")
    boolean isApply;

    @Option(name = "--print", description = "print the files instead of writing them")
    boolean isPrint;

    @Option(name = "--interface", description = "network interface (default: the default-route interface, else eth0)")
    String interfaceName;

    @Option(name = "--no-ssh", description = "shorewall: do not open SSH (22) to the net zone")
    boolean isSshDenied;

    @Option(name = "--no-ping", description = "shorewall: drop ping from the net zone")
    boolean isPingDenied;

    @Option(name = "--address", description = "nic: static IPv4 address, with prefix length (10.0.0.5/24) or --netmask")
    String address;

    @Option(name = "--netmask", description = "nic: netmask when --address has no prefix length (255.255.255.0)")
    String netmask;

    @Option(name = "--gateway", description = "nic: default gateway (10.0.0.1)")
    String gateway;

    @Option(name = "--dns", multiValued = true, description = "nic: DNS server; repeat or separate with commas")
    List<String> dns;

    @Override
    public Object execute() throws Exception {
        int firstOption = firstOption();
        ConfigArguments args = arguments(words.subList(firstOption, words.size()));
        if (args.isApply && (args.out != null || args.isPrint)) {
            throw new ConfigGenException("--apply writes to the real /etc, so it takes neither --out nor --print"
                    + " [apply=true, out=" + args.out + ", print=" + args.isPrint + "]");
        }
        ConfigRequest request = ConfigRequest.parse(
                words.subList(0, firstOption), args.interfaceName, args.isSshDenied, args.isPingDenied, args.nic());
        List<GeneratedFile> files = new ArrayList<>();
        for (Target target : request.targets()) {
            files.addAll(generator.generate(target, request.options()));
        }
        if (args.isPrint) {
            System.out.print(ConfigReport.printed(files));
            return null;
        }
        if (files.stream().anyMatch(f -> f.target() == Target.SHOREWALL || f.target() == Target.NIC)) {
            System.out.print(ConfigReport.interfaceLine(args.interfaceName, generator.defaultInterface()));
        }
        if (request.targets().contains(Target.SHOREWALL) || request.targets().contains(Target.ALL)) {
            System.out.print(ConfigReport.ports(
                    generator.servedPorts(), request.options().isSshAllowed()));
        }
        Path outDir = outDir(args.out);
        List<WrittenFile> written = args.isApply ? generator.apply(files) : generator.write(files, outDir);
        System.out.print(ConfigReport.written(written));
        System.out.print(ConfigReport.nextSteps(files, outDir, args.isApply));
        return null;
    }

    /** Where the options after the targets begin. */
    private int firstOption() {
        int index = 0;
        while (index < words.size() && !words.get(index).startsWith("-")) {
            index++;
        }
        return index;
    }

    /** The options Karaf parsed (before the targets), then those written after them. */
    private ConfigArguments arguments(List<String> trailing) throws ConfigGenException {
        ConfigArguments args = new ConfigArguments();
        args.out = out;
        args.isApply = isApply;
        args.isPrint = isPrint;
        args.interfaceName = interfaceName;
        args.isSshDenied = isSshDenied;
        args.isPingDenied = isPingDenied;
        args.address = address;
        args.netmask = netmask;
        args.gateway = gateway;
        if (dns != null) {
            args.dns.addAll(dns);
        }
        args.parseTrailing(trailing);
        return args;
    }

    private Path outDir(String dir) {
        if (dir != null) {
            return Path.of(dir).toAbsolutePath().normalize();
        }
        String base = bundleContext.getProperty("karaf.base");
        return Path.of(base == null ? "." : base, "generated-config")
                .toAbsolutePath()
                .normalize();
    }
}
