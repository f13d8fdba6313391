// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Generates operating-system and qss configuration from the live qss configuration (ports) and the operator's
 * options. Thread-safe; generation reads the configuration and {@code /proc}, writing does file I/O.
 */
@ProviderType
public interface ConfigGenerator {

    /**
     * The files of {@code target}, in memory.
     *
     * @throws ConfigGenException when an option is invalid (a bad IP address, NIC without an address)
     */
    List<GeneratedFile> generate(Target target, GenerationOptions options) throws ConfigGenException;

    /**
     * The TCP ports qss serves to the network, from the live configuration, in a stable order.
     *
     * @throws ConfigGenException when a configured port is not a number in 1..65535
     */
    List<ServedPort> servedPorts() throws ConfigGenException;

    /** The interface of the IPv4 default route, or {@code eth0} when none is found: the default of the options. */
    String defaultInterface();

    /**
     * Writes {@code files} under {@code outDir}: system files mirror their place ({@code OUT/etc/shorewall/rules}),
     * distribution files go under {@code OUT/qss/}. An existing different file is first copied to {@code .bak}.
     *
     * @throws ConfigGenException when a file cannot be written; files written before stay written
     */
    List<WrittenFile> write(List<GeneratedFile> files, Path outDir) throws ConfigGenException;

    /**
     * Writes {@code files} to their real places ({@code /etc/...} and the distribution's home), keeping a
     * {@code .bak} of every file it changes.
     *
     * @throws ConfigGenException when a file cannot be written; files written before stay written
     */
    List<WrittenFile> apply(List<GeneratedFile> files) throws ConfigGenException;
}
