// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen;

/** What to generate; the names are those of {@code qss-get --config} in the manual (chapter 14). */
public enum Target {
    /** qss's listener configuration files ({@code etc/<pid>.cfg} of the distribution) with their live values. */
    QSS,
    /** A static {@code /etc/network/interfaces} (manual chapter 7); needs {@link NicOptions}. */
    NIC,
    /** Shorewall for one interface, opening exactly the ports qss serves (manual chapter 13). */
    SHOREWALL,
    /** apcupsd for an APC SMT750 on USB, shutting down after 30 s on battery (manual chapter 15). */
    APCUPSD,
    /** Every target above; {@link #NIC} only when {@link NicOptions} are given. */
    ALL
}
