// SPDX-License-Identifier: Apache-2.0
/** The plotter's HTTP API, sessions, permalinks and static web files; private to the bundle. */
package io.qss.plotter.internal;
