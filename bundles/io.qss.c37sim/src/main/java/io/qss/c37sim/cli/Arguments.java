// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import java.net.InetSocketAddress;

/** Walks a command line's options: {@code --name value} pairs, flags and positional words. Not thread-safe. */
final class Arguments {
    private final String[] args;
    private int next;

    Arguments(String[] args) {
        this.args = args.clone();
    }

    boolean hasNext() {
        return next < args.length;
    }

    String next() {
        return args[next++];
    }

    /** The value after option {@code name}. */
    String value(String name) throws UsageException {
        if (next >= args.length) {
            throw new UsageException("option needs a value [option=" + name + "]");
        }
        return args[next++];
    }

    int intValue(String name, int min, int max) throws UsageException {
        String text = value(name);
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new UsageException("option out of range [option=" + name + ", value=" + value + ", range=" + min
                        + ".." + max + "]");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("option needs a whole number [option=" + name + ", value=" + text + "]");
        }
    }

    double doubleValue(String name) throws UsageException {
        String text = value(name);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UsageException("option needs a number [option=" + name + ", value=" + text + "]");
        }
    }

    /** A {@code HOST:PORT} value. */
    InetSocketAddress address(String name) throws UsageException {
        String text = value(name);
        int colon = text.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            InetSocketAddress address = new InetSocketAddress(text.substring(0, colon), port);
            if (address.isUnresolved()) {
                throw new UsageException(
                        "cannot resolve host [option=" + name + ", host=" + text.substring(0, colon) + "]");
            }
            return address;
        } catch (NumberFormatException e) {
            throw new UsageException("option needs HOST:PORT [option=" + name + ", value=" + text + "]");
        }
    }
}
