// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

/**
 * What a save changed.
 *
 * @param added devices new in the saved configuration
 * @param removed devices no longer in it (their stored data stays)
 * @param updated devices whose settings changed
 */
public record SaveResult(int added, int removed, int updated) {

    /** Whether the save changed nothing. */
    public boolean isEmpty() {
        return added == 0 && removed == 0 && updated == 0;
    }
}
