// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What adopting the saved devices another node wrote to MongoDB changed here: the device keys added, removed and
 * changed there, and the devices edited here (an unsaved console edit) that were changed there too, whose local edit
 * stays pending. Immutable.
 *
 * @param added keys saved there and not known saved here before
 * @param removed keys saved here before and gone there
 * @param changed keys saved on both sides with different content
 * @param conflicts local edits kept pending over a change there
 */
record FollowedChanges(Set<String> added, Set<String> removed, Set<String> changed, List<Conflict> conflicts) {

    static final FollowedChanges NONE = new FollowedChanges(Set.of(), Set.of(), Set.of(), List.of());

    /**
     * A device edited here and changed there.
     *
     * @param key the device's key (a uPMU's serial, else {@code <type>:<id>})
     * @param here the pending copy kept, or null when removed here
     * @param there the copy MongoDB holds now, or null when removed there
     */
    record Conflict(String key, Object here, Object there) {}

    FollowedChanges {
        added = Collections.unmodifiableSet(new TreeSet<>(added));
        removed = Collections.unmodifiableSet(new TreeSet<>(removed));
        changed = Collections.unmodifiableSet(new TreeSet<>(changed));
        conflicts = List.copyOf(conflicts);
    }

    /**
     * Brings {@code pending} along from {@code before} (the saved devices known here) to {@code now} (those MongoDB
     * holds): a device whose pending copy is its saved copy (unedited here) takes the new content, or leaves
     * pending when removed there; a device edited here keeps its pending copy. Compares content, so a save of this
     * node, already in {@code before}, is no change.
     *
     * @return what changed; {@link #NONE} when {@code now} equals {@code before}
     */
    static <T> FollowedChanges adopt(Map<String, T> before, Map<String, T> now, Map<String, T> pending) {
        if (before.equals(now)) {
            return NONE;
        }
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            T old = before.get(key);
            T next = now.get(key);
            if (Objects.equals(old, next)) {
                continue;
            }
            (old == null ? added : next == null ? removed : changed).add(key);
            T here = pending.get(key);
            if (Objects.equals(here, old)) {
                if (next == null) {
                    pending.remove(key);
                } else {
                    pending.put(key, next);
                }
            } else if (!Objects.equals(here, next)) {
                conflicts.add(new Conflict(key, here, next));
            }
        }
        return new FollowedChanges(added, removed, changed, conflicts);
    }

    /** Both changes together (keys of the uPMU registry and of the catalog never collide). */
    FollowedChanges plus(FollowedChanges other) {
        if (other.isEmpty() && other.conflicts.isEmpty()) {
            return this;
        }
        Set<String> a = new TreeSet<>(added);
        a.addAll(other.added);
        Set<String> r = new TreeSet<>(removed);
        r.addAll(other.removed);
        Set<String> c = new TreeSet<>(changed);
        c.addAll(other.changed);
        List<Conflict> k = new ArrayList<>(conflicts);
        k.addAll(other.conflicts);
        return new FollowedChanges(a, r, c, k);
    }

    /** Whether nothing saved changed. */
    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
