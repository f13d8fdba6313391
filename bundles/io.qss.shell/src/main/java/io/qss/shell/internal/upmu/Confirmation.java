// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import org.apache.karaf.shell.api.console.Session;

/** Asks the operator to type a word before a command does something that cannot be undone. */
public final class Confirmation {

    private Confirmation() {}

    /**
     * True when {@code given} (an answer passed as option, may be null) or else the line typed at the prompt is
     * {@code word}; prints what was not done otherwise.
     */
    public static boolean confirmed(Session session, String given, String word, String what) throws Exception {
        String answer = given != null ? given : session.readLine("Type " + word + " to " + what + ": ", null);
        if (word.equals(answer == null ? null : answer.trim())) {
            return true;
        }
        System.out.println("not confirmed; nothing done");
        return false;
    }
}
