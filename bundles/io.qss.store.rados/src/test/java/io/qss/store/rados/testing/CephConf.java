// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.testing;

import java.nio.file.Path;

/** The ceph.conf of a {@link CephCluster}. */
final class CephConf {

    private CephConf() {}

    /**
     * A single-host cluster: pools of size 1 allowed, everything on 127.0.0.1 (without a public network the OSD
     * binds every interface), no authentication. Daemon sockets and logs go in the daemons' sections: in [global]
     * every client process would share one admin socket path. Fast shutdown is off: it skips unmounting, and only
     * an unmount saves memstore's objects for the next start.
     */
    static String render(Path dir, String fsid, String monAddress, long memstoreBytes) {
        return """
                [global]
                fsid = %1$s
                mon host = %2$s
                mon initial members = a
                auth cluster required = none
                auth service required = none
                auth client required = none
                keyring = %3$s/keyring
                run dir = %3$s/run
                pid file = %3$s/run/$name.pid
                ms bind ipv6 = false
                public network = 127.0.0.0/8
                mon warn on insecure global id reclaim allowed = false
                osd pool default size = 1
                osd pool default min size = 1
                osd pool default pg autoscale mode = off
                osd crush chooseleaf type = 0
                mon allow pool size one = true
                mon allow pool delete = true
                mon warn on pool no redundancy = false
                mon data avail warn = 1
                mon data avail crit = 0
                [mon]
                admin socket = %3$s/run/$name.asok
                log file = %3$s/log/$name.log
                mon data = %3$s/mon.$id
                [osd]
                admin socket = %3$s/run/$name.asok
                log file = %3$s/log/$name.log
                osd data = %3$s/osd.$id
                osd objectstore = memstore
                osd fast shutdown = false
                memstore device bytes = %4$d
                osd op num shards = 1
                osd op num threads per shard = 2
                """.formatted(fsid, monAddress, dir, memstoreBytes);
    }
}
