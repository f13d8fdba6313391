// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.replay;

import io.qss.c37sim.frame.RawFrame;

/**
 * A C37.118 frame found in a capture, with the capture time (epoch microseconds) of the packet that completed it
 * and whether it came over UDP.
 */
public record CapturedFrame(RawFrame frame, long timeMicros, boolean isUdp) {}
