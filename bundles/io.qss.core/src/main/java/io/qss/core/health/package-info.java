// SPDX-License-Identifier: Apache-2.0
/**
 * Component health: every qss component that runs something registers a {@link io.qss.core.health.ComponentHealth}
 * service; {@code GET /health}, {@code qss:status} and the plotter read them all.
 */
@Version("1.0.0")
package io.qss.core.health;

import org.osgi.annotation.versioning.Version;
