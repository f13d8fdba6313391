// SPDX-License-Identifier: Apache-2.0
package io.qss.device.upmu;

/** Type id and descriptor properties of the uPMU device type. */
public interface UpmuConstants {

    /** The type id: streams live under {@code /upmu/<alias>/}. */
    String TYPE_ID = "upmu";

    /** Descriptor property (boolean text): the device sends extended records, so it has 19 streams. */
    String PROPERTY_EXTENDED = "extended";

    /** Descriptor property: the device's IP address. */
    String PROPERTY_IP = "ip";
}
