// SPDX-License-Identifier: Apache-2.0
/**
 * Logging helpers shared by qss bundles: {@link io.qss.core.log.LogThrottle} keeps a failure that repeats many times
 * a second (a full disk, an unreachable database) down to one log line per interval, with a count.
 */
@Version("1.0.0")
package io.qss.core.log;

import org.osgi.annotation.versioning.Version;
