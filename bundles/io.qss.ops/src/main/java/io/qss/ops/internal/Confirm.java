// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.io.InputStream;
import org.apache.karaf.shell.api.console.Session;

/** Console helpers: progress lines and the manual's confirmation (the user types {@code y}). */
final class Confirm {

    private Confirm() {}

    static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** True when {@code isYes} or the user answers {@code y}; the question names what will be lost. */
    static boolean ask(Session session, boolean isYes, String question) throws IOException {
        if (isYes) {
            return true;
        }
        String prompt = question + " Type y to continue: ";
        String answer;
        try {
            answer = session.readLine(prompt, null);
        } catch (UnsupportedOperationException e) {
            System.out.print(prompt);
            System.out.flush();
            answer = readLine(session.getKeyboard());
        }
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }

    /** One line from a non-interactive session (e.g. {@code echo y | bin/qss-console ...}); null at end of input. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
