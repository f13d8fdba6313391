// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim;

import io.qss.dat.tools.sim.internal.SyntheticDatImpl;

/** Where synthetic-data generators come from, so {@link SyntheticDat} stays free of its implementation. Stateless. */
public final class SyntheticDats {

    private SyntheticDats() {}

    /** A generator for {@code options}. */
    public static SyntheticDat generator(SyntheticDatOptions options) {
        return new SyntheticDatImpl(options);
    }
}
