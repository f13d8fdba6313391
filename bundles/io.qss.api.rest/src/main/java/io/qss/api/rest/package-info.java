// SPDX-License-Identifier: Apache-2.0
/** Services of the REST bundle that other front ends reuse, so each wire format has one implementation. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.qss.api.rest;
