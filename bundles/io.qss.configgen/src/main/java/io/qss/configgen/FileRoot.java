// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

/** The tree a {@link GeneratedFile}'s path is relative to. */
public enum FileRoot {
    /** The operating system's root: {@code etc/shorewall/rules} means {@code /etc/shorewall/rules}. */
    SYSTEM,
    /** The qss distribution's home: {@code etc/io.qss.receiver.cfg} is read by Karaf. */
    DISTRIBUTION
}
