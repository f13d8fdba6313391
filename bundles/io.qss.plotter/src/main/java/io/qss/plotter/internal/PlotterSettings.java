// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

/**
 * The plotter's limits and intervals, from its configuration. Immutable.
 *
 * @param maxWindowsPerQuery most windows one data answer may hold
 * @param csvMaxRows most rows one CSV export may hold
 * @param sessionExpirySeconds how long a login lasts without use
 * @param followIntervalSeconds how often the page polls for new data while following
 * @param wheelZoomStep how much one mouse-wheel notch zooms (factor of the span, above 1)
 * @param wheelZoomStepFast how much one notch zooms with Shift held (factor of the span, above 1)
 */
record PlotterSettings(
        long maxWindowsPerQuery,
        long csvMaxRows,
        long sessionExpirySeconds,
        int followIntervalSeconds,
        double wheelZoomStep,
        double wheelZoomStepFast) {

    /** Wheel steps at or below 1 would not zoom in at all, or the wrong way; infinite ones would lose the view. */
    PlotterSettings {
        requireZoomStep("wheelZoomStep", wheelZoomStep);
        requireZoomStep("wheelZoomStepFast", wheelZoomStepFast);
    }

    private static void requireZoomStep(String key, double step) {
        if (!(step > 1 && step <= 1_000)) {
            throw new IllegalArgumentException(
                    "plotter configuration: " + key + " must be above 1 and at most 1000 [" + key + "=" + step + "]");
        }
    }
}
