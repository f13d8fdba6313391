// SPDX-License-Identifier: Apache-2.0
package io.qss.core.health;

/** The state of one qss component, worst last. */
public enum HealthState {
    /** Working normally. */
    UP,
    /** Still starting (opening files, replaying a log); expected to become {@link #UP}. */
    STARTING,
    /** Working with a limitation an operator should know about (e.g. no longer accepting new data). */
    DEGRADED,
    /** Not working; the detail says why. */
    DOWN;

    /** True for {@link #UP} and {@link #DEGRADED}: the component does its job. */
    public boolean isServing() {
        return this == UP || this == DEGRADED;
    }
}
