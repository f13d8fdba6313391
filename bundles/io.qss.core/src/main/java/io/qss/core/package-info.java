// SPDX-License-Identifier: Apache-2.0
/** Shared qss API: where qss keeps its state. */
@Version("1.1.0")
package io.qss.core;

import org.osgi.annotation.versioning.Version;
