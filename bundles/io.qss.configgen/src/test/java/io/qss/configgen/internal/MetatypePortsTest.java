// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.configgen.ConfigGenException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

class MetatypePortsTest {

    private static final List<String> PIDS = List.of(LiveConfiguration.RECEIVER, LiveConfiguration.GRPC);

    @Test
    void givenInstalledListenerBundles_whenReading_thenEachPortDefaultComesFromItsMetatype() throws Exception {
        Bundle[] bundles = {
            bundle("org.apache.karaf.shell.core"), bundle(LiveConfiguration.RECEIVER), bundle(LiveConfiguration.GRPC)
        };
        MetaTypeService metaTypes = metaTypes(Map.of(
                LiveConfiguration.RECEIVER,
                Map.of("host", "0.0.0.0", "port", "1883"),
                LiveConfiguration.GRPC,
                Map.of("port", "4410")));

        assertEquals(
                Map.of(LiveConfiguration.RECEIVER, 1883, LiveConfiguration.GRPC, 4410),
                MetatypePorts.read(bundles, metaTypes, PIDS));
    }

    @Test
    void givenAListenerBundleNotInstalled_whenReading_thenItHasNoDefault() throws Exception {
        MetaTypeService metaTypes = metaTypes(Map.of(LiveConfiguration.GRPC, Map.of("port", "4410")));

        assertEquals(
                Map.of(LiveConfiguration.GRPC, 4410),
                MetatypePorts.read(new Bundle[] {bundle(LiveConfiguration.GRPC)}, metaTypes, PIDS));
    }

    @Test
    void givenAnInstalledListenerWithoutPortInItsMetatype_whenReading_thenTheErrorNamesThePid() {
        MetaTypeService metaTypes = metaTypes(Map.of(LiveConfiguration.GRPC, Map.of("host", "0.0.0.0")));

        ConfigGenException e = assertThrows(
                ConfigGenException.class,
                () -> MetatypePorts.read(new Bundle[] {bundle(LiveConfiguration.GRPC)}, metaTypes, PIDS));

        assertEquals("the listener's metatype has no default port [pid=io.qss.api.grpc]", e.getMessage());
    }

    @Test
    void givenAnInstalledListenerWithoutMetatype_whenReading_thenTheErrorNamesPidAndBundle() {
        ConfigGenException e = assertThrows(
                ConfigGenException.class,
                () -> MetatypePorts.read(new Bundle[] {bundle(LiveConfiguration.RECEIVER)}, metaTypes(Map.of()), PIDS));

        assertEquals("no metatype for the listener [pid=io.qss.receiver, bundle=io.qss.receiver]", e.getMessage());
    }

    private static Bundle bundle(String symbolicName) {
        return stub(Bundle.class, Map.of("getSymbolicName", symbolicName));
    }

    /** A MetaTypeService whose bundles each declare one PID, named after the bundle, with these defaults. */
    private static MetaTypeService metaTypes(Map<String, Map<String, String>> defaultsByPid) {
        return (MetaTypeService) Proxy.newProxyInstance(
                MetatypePortsTest.class.getClassLoader(),
                new Class<?>[] {MetaTypeService.class},
                (proxy, method, args) -> {
                    String pid = ((Bundle) args[0]).getSymbolicName();
                    Map<String, String> defaults = defaultsByPid.get(pid);
                    return defaults == null ? null : information(pid, defaults);
                });
    }

    private static MetaTypeInformation information(String pid, Map<String, String> defaults) {
        AttributeDefinition[] attributes = defaults.entrySet().stream()
                .map(e -> stub(
                        AttributeDefinition.class,
                        Map.of("getID", e.getKey(), "getDefaultValue", new String[] {e.getValue()})))
                .toArray(AttributeDefinition[]::new);
        ObjectClassDefinition definition =
                stub(ObjectClassDefinition.class, Map.of("getAttributeDefinitions", attributes));
        return stub(
                MetaTypeInformation.class,
                Map.of("getPids", new String[] {pid}, "getObjectClassDefinition", definition));
    }

    /** A proxy answering the named methods with fixed values; any other call fails the test. */
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(
                MetatypePortsTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new AssertionError("unexpected call [method=" + method.getName() + "]");
                    }
                    return answers.get(method.getName());
                }));
    }
}
