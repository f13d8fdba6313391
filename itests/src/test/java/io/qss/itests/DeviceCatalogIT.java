// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.itests.meter.MeterActivator;
import io.qss.itests.meter.MeterType;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device catalog in the running distribution: a device type bundle installed at run time is found by
 * {@code device:types} and {@code device:add}; its devices get their streams at {@code device:save}, stay configured
 * (type marked not installed) while the bundle is uninstalled, and keep their UUIDs across a restart; uPMUs are
 * devices of the catalog too and share its one pending configuration.
 */
class DeviceCatalogIT {

    @TempDir
    Path dir;

    @Test
    void givenTypeBundleInstalledAtRunTime_whenDevicesAddedSavedAndBundleRemoved_thenCatalogFollows() throws Exception {
        Path bundle = meterBundle(dir.resolve("meter-type.jar"));
        try (Distribution qss = Distribution.unpack(dir.resolve("qss"))) {
            qss.start();
            Distribution.CommandResult absent = qss.console("device:add meter m1 host=10.0.0.9");
            assertNotEquals(0, absent.exitCode(), absent.output());
            assertTrue(absent.output().contains("device type not installed"), absent.output());

            long id = install(qss, bundle);
            IngestIT.await(() -> output(qss, "device:types").contains("test meter over TCP"), "meter type listed", qss);
            String types = qss.consoleOk("device:types");
            assertTrue(types.matches("(?s).*host +yes +- +host name or address.*"), types);
            Distribution.CommandResult unknown = qss.console("device:add meter m2 host=h prot=1");
            assertTrue(
                    unknown.output().contains("unknown device property [type=meter, key=prot, known=host,port]"),
                    unknown.output());
            qss.consoleOk("device:add meter m1 host=10.0.0.9; device:add upmu soda ip=10.0.0.1 serial=P3001035");
            assertTrue(qss.consoleOk("upmu:pending").contains("2 unsaved change(s)"));
            qss.consoleOk("device:save");
            String streams = qss.consoleOk("device:streams m1");
            assertTrue(
                    streams.matches("(?s).*/meter/m1/V +V +[0-9a-f-]{36}.*/meter/m1/ST1/FREQ +Hz +[0-9a-f-]{36}.*"),
                    streams);
            String list = qss.consoleOk("device:list");
            assertTrue(list.matches("(?s).*m1 +meter +10\\.0\\.0\\.9:5000 +2 +host=10\\.0\\.0\\.9 port=5000.*"), list);
            assertTrue(list.matches("(?s).*soda +upmu +P3001035 +13 +ip=10\\.0\\.0\\.1 extended=false.*"), list);
            assertTrue(qss.consoleOk("upmu:list").contains("P3001035"));
            Distribution.CommandResult taken = qss.console("upmu:add 10.0.0.2 P3001236 m1");
            assertTrue(taken.output().contains("alias already used by a device of another type"), taken.output());

            qss.consoleOk("bundle:uninstall " + id);
            IngestIT.await(() -> output(qss, "device:list").contains("meter (not installed)"), "meter paused", qss);
            assertTrue(qss.console("device:add meter m3 host=h").output().contains("device type not installed"));
            assertEquals(streams, qss.consoleOk("device:streams m1"));

            qss.stop();
            qss.start();
            assertEquals(streams, qss.consoleOk("device:streams m1"));
            install(qss, bundle);
            IngestIT.await(() -> output(qss, "device:types").contains("test meter over TCP"), "meter type back", qss);
            qss.consoleOk("device:add meter m3 host=h");
            qss.consoleOk("device:rem --delete-data --yes m1; device:save");
            assertNotEquals(0, qss.console("device:streams m1").exitCode());
            assertTrue(qss.consoleOk("device:list --type meter").contains("m3"));
        }
    }

    private static String output(Distribution qss, String command) {
        try {
            return qss.console(command).output();
        } catch (Exception e) {
            throw new IllegalStateException(command, e);
        }
    }

    /** Installs and starts the bundle; its bundle id. */
    private static long install(Distribution qss, Path bundle) throws Exception {
        String out = qss.consoleOk("bundle:install -s " + bundle.toUri());
        Matcher m = Pattern.compile("Bundle ID: (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    /** A bundle of {@link MeterType} and {@link MeterActivator}, importing only the device SPI and the framework. */
    private static Path meterBundle(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name("Bundle-ManifestVersion"), "2");
        main.put(new Attributes.Name("Bundle-SymbolicName"), "io.qss.itests.meter");
        main.put(new Attributes.Name("Bundle-Version"), "1.0.0");
        main.put(new Attributes.Name("Bundle-Activator"), MeterActivator.class.getName());
        main.put(
                new Attributes.Name("Import-Package"),
                "io.qss.device;version=\"[2.0,3)\",org.osgi.framework;version=\"[1.8,2)\"");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> c : List.of(MeterType.class, MeterActivator.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = DeviceCatalogIT.class.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
