// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * Type id and descriptor properties of the uPMU device type, shared by the device bundle and the framework (registry,
 * sync, shell), which must not import the device bundle so that it can be updated or removed at run time.
 */
public interface UpmuConstants {

    /** The type id: streams live under {@code /upmu/<alias>/}. */
    String TYPE_ID = "upmu";

    /** Descriptor property (boolean text): the device sends extended records, so it has 19 streams. */
    String PROPERTY_EXTENDED = "extended";

    /** Descriptor property: the device's IP address. */
    String PROPERTY_IP = "ip";
}
