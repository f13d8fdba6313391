// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

/**
 * What a save changed.
 *
 * @param added devices new in the saved configuration
 * @param removed devices no longer in it (their stored data stays unless removed with data deletion)
 * @param updated devices whose settings changed
 * @param dataDeleted removed devices whose streams were deleted from the store
 */
public record SaveResult(int added, int removed, int updated, int dataDeleted) {

    /** A save that deleted no data. */
    public SaveResult(int added, int removed, int updated) {
        this(added, removed, updated, 0);
    }

    /** Whether the save changed nothing. */
    public boolean isEmpty() {
        return added == 0 && removed == 0 && updated == 0;
    }
}
