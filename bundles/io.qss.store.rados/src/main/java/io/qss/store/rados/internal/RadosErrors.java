// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.util.Map;
import java.util.Set;

/**
 * Turns librados' negative errno results into {@link StoreException}s that say what failed, where, and with which
 * error ({@code error=-110 ETIMEDOUT}). Errors meaning "the cluster did not answer in time or cut us off" are
 * {@code UNAVAILABLE}; everything else is {@code IO_ERROR}.
 */
final class RadosErrors {

    static final int ENOENT = 2;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ERANGE = 34;
    static final int ETIMEDOUT = 110;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"),
            Map.entry(ENOENT, "ENOENT"),
            Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"),
            Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"),
            Map.entry(EBUSY, "EBUSY"),
            Map.entry(EEXIST, "EEXIST"),
            Map.entry(22, "EINVAL"),
            Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"),
            Map.entry(30, "EROFS"),
            Map.entry(ERANGE, "ERANGE"),
            Map.entry(36, "ENAMETOOLONG"),
            Map.entry(95, "EOPNOTSUPP"),
            Map.entry(103, "ECONNABORTED"),
            Map.entry(104, "ECONNRESET"),
            Map.entry(107, "ENOTCONN"),
            Map.entry(108, "ESHUTDOWN"),
            Map.entry(ETIMEDOUT, "ETIMEDOUT"),
            Map.entry(111, "ECONNREFUSED"),
            Map.entry(113, "EHOSTUNREACH"),
            Map.entry(122, "EDQUOT"),
            Map.entry(125, "ECANCELED"));

    /** Cluster unreachable, op timed out, or this client blocklisted (ESHUTDOWN): the same op may work later. */
    private static final Set<Integer> UNAVAILABLE = Set.of(4, 11, 103, 104, 107, 108, 110, 111, 113);

    private RadosErrors() {}

    /** {@code -110 ETIMEDOUT} for a librados result {@code rc < 0}. */
    static String describe(long rc) {
        int errno = (int) -rc;
        return "-" + errno + " " + NAMES.getOrDefault(errno, "errno" + errno);
    }

    /** Whether a failure with this result may pass once the cluster answers again. */
    static boolean isUnavailable(long rc) {
        return UNAVAILABLE.contains((int) -rc);
    }

    /**
     * A failure of {@code what} (e.g. "writing an object failed") with {@code where} (e.g. {@code object=x, pool=p,
     * ns=n}) and the error named.
     */
    static StoreException failure(String what, String where, long rc) {
        ErrorCode code = isUnavailable(rc) ? ErrorCode.UNAVAILABLE : ErrorCode.IO_ERROR;
        return new StoreException(code, what + " [" + where + ", error=" + describe(rc) + "]");
    }
}
