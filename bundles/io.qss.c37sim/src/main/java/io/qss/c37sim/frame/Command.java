// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/** The CMD word of a command frame. */
public enum Command {
    TURN_OFF(1),
    TURN_ON(2),
    SEND_HEADER(3),
    SEND_CFG1(4),
    SEND_CFG2(5),
    SEND_CFG3(6),
    EXTENDED(8);

    private final int code;

    Command(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The command of a CMD word, or null when the word names none this simulator knows. */
    public static Command of(int code) {
        for (Command command : values()) {
            if (command.code == code) {
                return command;
            }
        }
        return null;
    }
}
