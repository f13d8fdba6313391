// SPDX-License-Identifier: Apache-2.0
/** Names shared by the uPMU device type and the bundles that configure uPMUs; which serial a .dat path names. */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.qss.device.upmu;
