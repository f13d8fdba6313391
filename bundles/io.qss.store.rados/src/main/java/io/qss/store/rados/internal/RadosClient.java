// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.VolumeSpace;

/**
 * One connection to a Ceph cluster (a librados cluster handle): a client session with its own identity, so two
 * clients in one JVM compete for the writer lease like two processes. Every operation is bounded by the configured
 * op timeout, so an unreachable cluster or a full OSD gives {@code UNAVAILABLE} instead of a hang.
 *
 * <p>Thread-safe; {@link #close} must come after every {@link RadosIo} of it is closed.
 */
public final class RadosClient implements AutoCloseable {

    private static volatile Librados library;

    private final Librados rados;
    private final Pointer cluster;
    private final RadosSettings settings;

    private RadosClient(Librados rados, Pointer cluster, RadosSettings settings) {
        this.rados = rados;
        this.cluster = cluster;
        this.settings = settings;
    }

    /**
     * Connects as the configured client, reading ceph.conf and the keyring.
     *
     * @throws StoreException {@code UNAVAILABLE} when no monitor answers within the op timeout, {@code IO_ERROR}
     *     for bad configuration
     */
    public static RadosClient connect(RadosSettings settings) throws StoreException {
        Librados rados = library();
        PointerByReference handle = new PointerByReference();
        String where = "client=" + settings.clientName() + ", conf=" + settings.confPath();
        check(rados.rados_create2(handle, "ceph", settings.clientName(), 0), "creating a cluster handle failed", where);
        Pointer cluster = handle.getValue();
        try {
            configure(rados, cluster, settings, where);
            check(rados.rados_connect(cluster), "connecting to the Ceph cluster failed", where);
            return new RadosClient(rados, cluster, settings);
        } catch (StoreException e) {
            rados.rados_shutdown(cluster);
            throw e;
        }
    }

    private static void configure(Librados rados, Pointer cluster, RadosSettings settings, String where)
            throws StoreException {
        if (!settings.confPath().isEmpty()) {
            check(rados.rados_conf_read_file(cluster, settings.confPath()), "reading ceph.conf failed", where);
        }
        if (!settings.keyringPath().isEmpty()) {
            set(rados, cluster, "keyring", settings.keyringPath(), where);
        }
        String timeout = Integer.toString(settings.opTimeoutSeconds());
        // without these, a request to a full or stopped OSD waits forever (librados' default is no timeout)
        set(rados, cluster, "rados_osd_op_timeout", timeout, where);
        set(rados, cluster, "rados_mon_op_timeout", timeout, where);
        set(rados, cluster, "client_mount_timeout", timeout, where);
    }

    private static void set(Librados rados, Pointer cluster, String option, String value, String where)
            throws StoreException {
        check(rados.rados_conf_set(cluster, option, value), "setting a Ceph option failed", where + ", " + option);
    }

    private static void check(int rc, String what, String where) throws StoreException {
        if (rc < 0) {
            throw RadosErrors.failure(what, where, rc);
        }
    }

    private static Librados library() throws StoreException {
        if (library == null) {
            synchronized (RadosClient.class) {
                if (library == null) {
                    try {
                        library = Librados.load();
                    } catch (UnsatisfiedLinkError e) {
                        throw new StoreException(
                                ErrorCode.UNAVAILABLE,
                                "loading librados failed [library=librados.so.2, hint=install the package librados2]",
                                e);
                    }
                }
            }
        }
        return library;
    }

    /** The settings this client was connected with. */
    public RadosSettings settings() {
        return settings;
    }

    /** An I/O context on the configured pool, restricted to one namespace (a store's location). */
    public RadosIo open(String namespace) throws StoreException {
        PointerByReference ioctx = new PointerByReference();
        int rc = rados.rados_ioctx_create(cluster, settings.pool(), ioctx);
        if (rc < 0) {
            throw RadosErrors.failure("opening the pool failed", "pool=" + settings.pool() + ", ns=" + namespace, rc);
        }
        rados.rados_ioctx_set_namespace(ioctx.getValue(), namespace);
        return new RadosIo(rados, ioctx.getValue(), settings.pool(), namespace);
    }

    /** Raw capacity and free space of the whole cluster (shared by every pool); -1 where the cluster has no figure. */
    public VolumeSpace space() throws StoreException {
        Librados.ClusterStat stat = new Librados.ClusterStat();
        int rc = rados.rados_cluster_stat(cluster, stat);
        if (rc < 0) {
            throw RadosErrors.failure("reading the cluster's capacity failed", "pool=" + settings.pool(), rc);
        }
        stat.read();
        // without a manager daemon the monitors publish no usage: all zero
        if (stat.kb == 0) {
            return new VolumeSpace(-1, -1);
        }
        return new VolumeSpace(stat.kb * 1024, stat.kbAvailable * 1024);
    }

    @Override
    public void close() {
        rados.rados_shutdown(cluster);
    }
}
