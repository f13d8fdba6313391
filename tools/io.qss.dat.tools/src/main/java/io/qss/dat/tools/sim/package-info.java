// SPDX-License-Identifier: Apache-2.0
/** Deterministic synthetic uPMU data for tools and tests: realistic records, minute files and device paths. */
@Version("2.0.0")
package io.qss.dat.tools.sim;

import org.osgi.annotation.versioning.Version;
