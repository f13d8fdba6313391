// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * The GPS debug block of a record (offset 6284): seven float32 fields as stored.
 *
 * @param altitude   metres
 * @param latitude   degrees
 * @param hdop       horizontal dilution of precision
 * @param longitude  degrees
 * @param satellites satellites in view
 * @param state      receiver state
 * @param hasFix     1 when the receiver has a fix, else 0
 */
public record GpsStats(
        float altitude, float latitude, float hdop, float longitude, float satellites, float state, float hasFix) {}
