// SPDX-License-Identifier: Apache-2.0
/** Config generators: Shorewall, apcupsd, the network interface and qss's own listener files, and their output. */
@Version("1.0.0")
package io.qss.configgen;

import org.osgi.annotation.versioning.Version;
