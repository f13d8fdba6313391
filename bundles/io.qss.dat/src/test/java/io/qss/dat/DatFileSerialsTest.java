// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatFileSerialsTest {

    private static final List<String> REGISTERED = List.of("P3001035", "lab-7", "p3001071");

    /** Golden list: path, then the serials it names nearest first ('|' separated, empty for none). */
    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(
            delimiter = ';',
            nullValues = "-",
            value = {
                "P3001236_0.dat;P3001236",
                "P3001035_2016-09-19T14:00:00.dat;P3001035",
                "P3500000_20260101_000000.dat;P3500000",
                "2026/01/01/00/P3500000_20260101_000000.dat;P3500000",
                "/home/manager/upmu_data/2016/09/19/14/P3001035_2016-09-19T14:00:00.dat;P3001035",
                "/media/usb/P3001035/upmu_data/2016/09/19/14/data_0001.dat;P3001035",
                "P3001035/upmu_data/2016/09/19/14/P3001035_0.dat;P3001035",
                "P3001035/upmu_data/2016/09/19/14/P3001236_0.dat;P3001236|P3001035",
                "P3001236/P3001035/x.dat;P3001035|P3001236",
                "p3001236_0.dat;P3001236",
                "P3001035.dat;P3001035",
                "upmu_data_import/LAB-7/2016/file1.dat;lab-7",
                "lab-7_20260101_000000.dat;lab-7",
                "P3001071_0.dat;p3001071",
                "C:\\data\\P3001035\\f.dat;P3001035",
                "/simulation/file12.dat;-",
                "upmu_data/2016/09/19/14/20160919_140000.dat;-",
                "P300103_0.dat;-",
                "P30010355_0.dat;-",
                "Q3001035_0.dat;-",
                "P3001035x/f.dat;-",
                "data_P3001035.dat;-",
            })
    void givenGoldenPath_whenIdentified_thenNamesExactlyThoseSerials(String path, String expected) {
        DatFileSerials serials = DatFileSerials.of(path, REGISTERED);

        List<String> want = expected == null ? List.of() : List.of(expected.split("\\|"));
        assertEquals(want, serials.named());
        assertEquals(want.size() > 1, serials.isConflicting());
        assertEquals(want.size() == 1 ? want.get(0) : null, serials.serial().orElse(null));
    }

    @ParameterizedTest
    @CsvSource({"P3001035/P3001035_1.dat", "p3001035/P3001035_1.dat"})
    void givenFolderAndNameAgree_whenIdentified_thenOneSerialNoConflict(String path) {
        DatFileSerials serials = DatFileSerials.of(path, REGISTERED);

        assertFalse(serials.isConflicting());
        assertTrue(serials.serial().isPresent());
        assertEquals("P3001035", serials.serial().get());
    }
}
