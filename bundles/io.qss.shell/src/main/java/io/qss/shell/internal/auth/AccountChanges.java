// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;

/** What the commands that change one existing account share: the error for a missing account and the result line. */
final class AccountChanges {

    private AccountChanges() {}

    /** Fails the command (non-zero exit) when the change found no account. */
    static void requireFound(boolean isFound, String user) {
        if (!isFound) {
            throw new IllegalArgumentException("no such account [user=" + user
                    + "]; plotter:lsusers lists the accounts, plotter:adduser creates one");
        }
    }

    /** The account's line as {@code plotter:lsusers} shows it ({@code user: tag, tag}), after the change. */
    static String accountLine(AuthAdmin admin, String user) {
        return ApiKeyTable.accounts(
                admin.accounts().stream().filter(a -> a.user().equals(user)).toList());
    }
}
