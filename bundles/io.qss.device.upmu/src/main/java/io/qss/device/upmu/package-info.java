// SPDX-License-Identifier: Apache-2.0
/** Names shared by the uPMU device type and the bundles that configure uPMUs. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.qss.device.upmu;
