// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

/**
 * How the backend reaches its cluster and uses it; see etc/io.qss.store.rados.cfg for each option.
 *
 * @param confPath ceph.conf to read (monitor addresses, auth); empty for none
 * @param clientName cephx user, e.g. {@code client.qss}
 * @param keyringPath keyring of that user; empty to take the one ceph.conf names
 * @param pool the pool holding every store's objects
 * @param maxObjectBytes largest object the backend writes (RADOS refuses objects above osd_max_object_size)
 * @param opTimeoutSeconds bound of every cluster operation: connecting, monitor and OSD requests
 * @param leaseSeconds writer lease duration; renewed every third of it
 * @param writesInFlight asynchronous writes per open object before a write waits for the oldest
 */
public record RadosSettings(
        String confPath,
        String clientName,
        String keyringPath,
        String pool,
        long maxObjectBytes,
        int opTimeoutSeconds,
        int leaseSeconds,
        int writesInFlight) {

    public RadosSettings {
        if (pool == null || pool.isEmpty()) {
            throw new IllegalArgumentException("pool must be set");
        }
        if (maxObjectBytes < 1 || opTimeoutSeconds < 1 || leaseSeconds < 3 || writesInFlight < 1) {
            throw new IllegalArgumentException("maxObjectBytes, opTimeoutSeconds and writesInFlight must be at least 1,"
                    + " leaseSeconds at least 3 [maxObjectBytes=" + maxObjectBytes + ", opTimeoutSeconds="
                    + opTimeoutSeconds + ", leaseSeconds=" + leaseSeconds + ", writesInFlight=" + writesInFlight
                    + "]");
        }
    }

    /** The same settings with another op timeout (tests shorten it). */
    public RadosSettings withOpTimeoutSeconds(int seconds) {
        return new RadosSettings(
                confPath, clientName, keyringPath, pool, maxObjectBytes, seconds, leaseSeconds, writesInFlight);
    }

    /** The same settings with another lease duration (tests shorten it). */
    public RadosSettings withLeaseSeconds(int seconds) {
        return new RadosSettings(
                confPath, clientName, keyringPath, pool, maxObjectBytes, opTimeoutSeconds, seconds, writesInFlight);
    }
}
