// SPDX-License-Identifier: Apache-2.0
/** The device side of the uPMU transfer protocol: sends .dat files as a uPMU does and reports each ack. */
package io.qss.dat.tools.send;
