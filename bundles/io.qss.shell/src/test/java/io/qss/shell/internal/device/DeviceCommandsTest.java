// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import static io.qss.shell.internal.CommandFakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.device.StreamSpec;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.Test;

/** The device:* commands: argument parsing, what they ask the catalog, confirmation, and their tables. */
class DeviceCommandsTest {

    private static final UUID U1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID U2 = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final Device PMU = new Device(
            "c37118",
            "10.0.0.7:4712/7",
            "pmu1",
            props("host", "10.0.0.7", "port", "4712", "idcode", "7"),
            uuids("STN1/FREQ", U1, "STN1/STAT", U2));
    private static final Device UPMU =
            new Device("upmu", "P3001035", "soda", props("ip", "10.0.0.5", "extended", "false"), Map.of());

    private final List<String> calls = new ArrayList<>();

    private static Map<String, String> props(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    private static Map<String, UUID> uuids(String k1, UUID u1, String k2, UUID u2) {
        Map<String, UUID> out = new LinkedHashMap<>();
        out.put(k1, u1);
        out.put(k2, u2);
        return out;
    }

    private DeviceCatalog catalog() {
        return fake(
                DeviceCatalog.class,
                calls,
                Map.of(
                        "pendingDevices", a -> List.of(PMU, UPMU),
                        "devices", a -> List.of(PMU),
                        "find", a -> a[0].equals("pmu1") ? Optional.of(PMU) : Optional.empty(),
                        "add", a -> PMU,
                        "remove", a -> PMU,
                        "streams", a -> List.of(new StreamEntry("/c37118/pmu1/STN1/FREQ", "FREQ", "Hz", U1)),
                        "unsavedChanges", a -> 0));
    }

    @Test
    void givenKeyValueArguments_whenParsed_thenOrderedMapAndBadOnesNamed() {
        assertEquals(
                List.of("host", "port", "note"),
                List.copyOf(AddCommand.parse(List.of("host=10.0.0.7", "port=4712", "note=a=b"))
                        .keySet()));
        assertEquals("a=b", AddCommand.parse(List.of("note=a=b")).get("note"));

        Exception form = assertThrows(IllegalArgumentException.class, () -> AddCommand.parse(List.of("host")));
        Exception twice =
                assertThrows(IllegalArgumentException.class, () -> AddCommand.parse(List.of("port=1", "port=2")));

        assertEquals("device property not in key=value form [argument=host]", form.getMessage());
        assertEquals("device property given twice [key=port]", twice.getMessage());
    }

    @Test
    void givenAdd_whenRun_thenCatalogAddWithTheProperties() throws Exception {
        AddCommand c = new AddCommand();
        c.catalog = catalog();
        c.type = "c37118";
        c.alias = "pmu1";
        c.properties = List.of("host=10.0.0.7", "idcode=7");

        c.execute();

        assertEquals(List.of("add(c37118, pmu1, {host=10.0.0.7, idcode=7})"), calls);
    }

    @Test
    void givenNoCatalog_whenAdd_thenErrorNamesTheService() {
        AddCommand c = new AddCommand();
        c.type = "x";
        c.alias = "y";

        Exception e = assertThrows(IllegalStateException.class, c::execute);

        assertTrue(e.getMessage().startsWith("service not available: DeviceCatalog"), e.getMessage());
    }

    private RemCommand rem(String key, boolean isDataDeleted, boolean isConfirmed, String answer) {
        RemCommand c = new RemCommand();
        c.catalog = catalog();
        c.session = fake(Session.class, calls, Map.of("readLine", a -> answer));
        c.key = key;
        c.isDataDeleted = isDataDeleted;
        c.isConfirmed = isConfirmed;
        return c;
    }

    @Test
    void givenDeleteDataNotConfirmed_whenRem_thenNothingRemoved() throws Exception {
        rem("pmu1", true, false, "no").execute();

        assertTrue(calls.stream().noneMatch(c -> c.startsWith("remove")), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("readLine")), calls.toString());
    }

    @Test
    void givenDeleteDataTypedDeleteOrYes_whenRem_thenRemovedWithData() throws Exception {
        rem("pmu1", true, false, "delete").execute();
        rem("10.0.0.7:4712/7", true, true, null).execute();

        assertEquals(
                2, calls.stream().filter(c -> c.equals("remove(pmu1, true)")).count(), calls.toString());
        assertEquals(1, calls.stream().filter(c -> c.startsWith("readLine")).count(), calls.toString());
    }

    @Test
    void givenPlainRemOfUpmu_whenRun_thenRemovedKeepingDataWithoutQuestion() throws Exception {
        rem("soda", false, false, null).execute();

        assertTrue(calls.contains("remove(soda, false)"), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("readLine")), calls.toString());
    }

    @Test
    void givenUnknownDevice_whenRemOrStreams_thenErrorNamesIt() {
        Exception rem = assertThrows(
                IllegalArgumentException.class,
                () -> rem("nope", false, false, null).execute());
        StreamsCommand streams = new StreamsCommand();
        streams.catalog = catalog();
        streams.key = "nope";
        Exception list = assertThrows(IllegalArgumentException.class, streams::execute);

        assertEquals("no device named nope (by alias or id) [key=nope]", rem.getMessage());
        assertTrue(list.getMessage().startsWith("no saved device named nope"), list.getMessage());
    }

    @Test
    void givenPendingAndSaved_whenListRendered_thenUnsavedAndUninstalledMarked() {
        String out = ListCommand.render(List.of(PMU, UPMU), List.of(PMU), 1, Set.of("upmu"));

        assertEquals("""
                ALIAS   TYPE                    ID               STREAMS  PROPERTIES
                pmu1    c37118 (not installed)  10.0.0.7:4712/7  2        host=10.0.0.7 port=4712 idcode=7
                soda *  upmu                    P3001035         0        ip=10.0.0.5 extended=false
                1 unsaved change(s) (marked *) - run save to apply
                """, out);
    }

    @Test
    void givenInstalledAndMissingTypes_whenTypesRendered_thenDescriptionsCountsAndSchema() {
        DeviceType meter = new DeviceType() {
            @Override
            public String typeId() {
                return "meter";
            }

            @Override
            public String description() {
                return "CSV meter over TCP";
            }

            @Override
            public List<PropertySpec> properties() {
                return List.of(
                        new PropertySpec("host", "host name or address", true, null),
                        new PropertySpec("port", "TCP port", false, "5000"));
            }

            @Override
            public List<StreamSpec> streams(DeviceDescriptor device) {
                return List.of();
            }
        };

        String out = TypesCommand.render(List.of(meter), List.of(PMU, UPMU));

        assertEquals("""
                TYPE    DEVICES  DESCRIPTION
                c37118  1        (not installed: its devices are paused until its bundle is installed)
                meter   0        CSV meter over TCP
                upmu    1        (not installed: its devices are paused until its bundle is installed)

                meter properties (device:add meter ALIAS key=value ...):
                  KEY   REQUIRED  DEFAULT  DESCRIPTION
                  host  yes       -        host name or address
                  port  no        5000     TCP port
                """, out);
    }

    @Test
    void givenStreams_whenRendered_thenPathUnitUuid() throws Exception {
        StreamsCommand c = new StreamsCommand();
        c.catalog = catalog();
        c.key = "pmu1";
        c.execute();

        assertEquals("""
                PATH                    UNIT  UUID
                /c37118/pmu1/STN1/FREQ  Hz    00000000-0000-0000-0000-000000000001
                """, StreamsCommand.render(List.of(new StreamEntry("/c37118/pmu1/STN1/FREQ", "FREQ", "Hz", U1))));
        assertTrue(calls.contains("streams(" + PMU + ")"), calls.toString());
    }

    @Test
    void givenSaveResults_whenDescribed_thenCountsOrNothing() {
        assertEquals("nothing to save", SaveCommand.describe(new SaveResult(0, 0, 0)));
        assertEquals(
                "saved [added=1, removed=1, updated=0]; streams updated; data of 1 device(s) deleted",
                SaveCommand.describe(new SaveResult(1, 1, 0, 1)));
    }
}
