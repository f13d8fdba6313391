// SPDX-License-Identifier: Apache-2.0
/**
 * The uPMU {@code .dat} codec: stream catalogue, record view, streaming decoder, encoder and error reporting.
 * Plain Java with no runtime dependencies besides the JDK.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.qss.dat;
