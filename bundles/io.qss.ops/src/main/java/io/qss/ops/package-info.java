// SPDX-License-Identifier: Apache-2.0
/** Operations on a running qss: its version and offline hot updates. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.qss.ops;
