// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Reads the default {@code port} of qss listener PIDs from the metatype of the bundle named after each PID (bnd
 * generates it from the component's {@code @ObjectClassDefinition}, the one place defaults are written), so the
 * generators never keep a copy of them. Stateless.
 */
final class MetatypePorts {

    static final String PORT = "port";

    private MetatypePorts() {}

    /**
     * The default port per PID; a PID whose bundle is not installed is left out.
     *
     * @throws ConfigGenException when an installed listener bundle has no metatype for its PID or no usable default
     *     port (the generators would otherwise leave its port out of the firewall)
     */
    static Map<String, Integer> read(Bundle[] bundles, MetaTypeService metaTypes, Collection<String> pids)
            throws ConfigGenException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String pid : pids) {
            Optional<Bundle> bundle = Arrays.stream(bundles)
                    .filter(b -> pid.equals(b.getSymbolicName()))
                    .findFirst();
            if (bundle.isPresent()) {
                ports.put(pid, defaultPort(pid, bundle.get(), metaTypes));
            }
        }
        return ports;
    }

    private static int defaultPort(String pid, Bundle bundle, MetaTypeService metaTypes) throws ConfigGenException {
        MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
        String[] pids = information == null ? null : information.getPids();
        if (pids == null || !Arrays.asList(pids).contains(pid)) {
            throw new ConfigGenException(
                    "no metatype for the listener [pid=" + pid + ", bundle=" + bundle.getSymbolicName() + "]");
        }
        ObjectClassDefinition definition = information.getObjectClassDefinition(pid, null);
        AttributeDefinition[] attributes = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        String[] defaults = attributes == null
                ? null
                : Arrays.stream(attributes)
                        .filter(a -> PORT.equals(a.getID()))
                        .findFirst()
                        .map(AttributeDefinition::getDefaultValue)
                        .orElse(null);
        if (defaults == null || defaults.length != 1) {
            throw new ConfigGenException("the listener's metatype has no default port [pid=" + pid + "]");
        }
        try {
            return Integer.parseInt(defaults[0].trim());
        } catch (NumberFormatException e) {
            throw new ConfigGenException(
                    "the listener's metatype has an invalid default port [pid=" + pid + ", default=" + defaults[0]
                            + "]",
                    e);
        }
    }
}
