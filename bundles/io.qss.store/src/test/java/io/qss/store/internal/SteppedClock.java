// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock that stands still until a test moves it, so commit times and retention by age need no sleeping. */
final class SteppedClock extends Clock {

    private volatile long millis;

    SteppedClock(long millis) {
        this.millis = millis;
    }

    void set(long newMillis) {
        this.millis = newMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the store reads only millis()");
    }
}
