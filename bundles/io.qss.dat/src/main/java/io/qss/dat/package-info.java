// SPDX-License-Identifier: Apache-2.0
/**
 * The uPMU {@code .dat} codec: stream catalogue, record view, streaming decoder, encoder and error reporting; the
 * uPMU names the framework shares with the uPMU device type ({@link io.qss.dat.UpmuConstants}, which serial a
 * {@code .dat} path names: {@link io.qss.dat.DatFileSerials}), kept here so that no bundle depends on the
 * swappable device bundle. Plain Java with no runtime dependencies besides the JDK.
 */
@Version("2.0.0")
package io.qss.dat;

import org.osgi.annotation.versioning.Version;
