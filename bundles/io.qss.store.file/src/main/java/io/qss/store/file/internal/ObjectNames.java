// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Object names to paths: {@code wal/wal-00000001.log} is the file {@code wal/wal-00000001.log} under the volume's
 * directory. Names are checked so that none escapes the directory or names the lock file.
 */
final class ObjectNames {

    /** The lease's lock file: part of the volume, never an object. */
    static final String LOCK = "LOCK";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private ObjectNames() {}

    static Path resolve(Path root, String name) throws StoreException {
        if (!isValid(name)) {
            throw new StoreException(
                    ErrorCode.WRONG_ARGS, "object name invalid [dir=" + root + ", object=" + name + "]");
        }
        return root.resolve(name);
    }

    static boolean isValid(String name) {
        if (name == null || !VALID.matcher(name).matches() || name.equals(LOCK)) {
            return false;
        }
        for (String part : name.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The object name of a file under the root, {@code /}-separated on every platform. */
    static String nameOf(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
