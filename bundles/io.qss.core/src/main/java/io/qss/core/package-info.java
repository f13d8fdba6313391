// SPDX-License-Identifier: Apache-2.0
/** Shared qss API: where qss keeps its state. */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.qss.core;
