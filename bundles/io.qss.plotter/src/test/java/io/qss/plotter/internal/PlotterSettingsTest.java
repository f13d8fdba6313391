// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlotterSettingsTest {

    @Test
    void wheelStepsAboveOneAreKept() {
        PlotterSettings settings = new PlotterSettings(1, 1, 1, 1, 1.5, 1000);
        assertEquals(1.5, settings.wheelZoomStep());
        assertEquals(1000, settings.wheelZoomStepFast());
    }

    @Test
    void aWheelStepThatWouldNotZoomInIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new PlotterSettings(1, 1, 1, 1, 1.0, 16));
        assertEquals(
                "plotter configuration: wheelZoomStep must be above 1 and at most 1000 [wheelZoomStep=1.0]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlotterSettings(1, 1, 1, 1, 2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new PlotterSettings(1, 1, 1, 1, 2, 0.5));
    }
}
