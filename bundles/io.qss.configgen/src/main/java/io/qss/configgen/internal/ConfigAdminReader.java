// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Reads the listener PIDs from ConfigurationAdmin into a {@link LiveConfiguration}. Stateless. */
final class ConfigAdminReader {

    private ConfigAdminReader() {}

    /**
     * The live configuration; with no ConfigurationAdmin ({@code null}) every default.
     *
     * @param defaultPorts the listeners' default ports, as {@link MetatypePorts} reads them
     */
    static LiveConfiguration read(ConfigurationAdmin admin, Map<String, Integer> defaultPorts)
            throws ConfigGenException {
        Map<String, Map<String, Object>> byPid = new HashMap<>();
        if (admin != null) {
            for (String pid : LiveConfiguration.PIDS) {
                byPid.put(pid, properties(admin, pid));
            }
        }
        return new LiveConfiguration(byPid, defaultPorts);
    }

    /** Lists rather than gets the configuration, so that asking never creates an empty one. */
    private static Map<String, Object> properties(ConfigurationAdmin admin, String pid) throws ConfigGenException {
        Configuration[] found;
        try {
            found = admin.listConfigurations("(service.pid=" + pid + ")");
        } catch (IOException | InvalidSyntaxException e) {
            throw new ConfigGenException("reading the live configuration failed [pid=" + pid + "]", e);
        }
        Dictionary<String, Object> dictionary = found == null || found.length == 0 ? null : found[0].getProperties();
        if (dictionary == null) {
            return Map.of();
        }
        Map<String, Object> properties = new HashMap<>();
        for (String key : Collections.list(dictionary.keys())) {
            Object value = dictionary.get(key);
            if (value != null) {
                properties.put(key, value);
            }
        }
        return properties;
    }
}
