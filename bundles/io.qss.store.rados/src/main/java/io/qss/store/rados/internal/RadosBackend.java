// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The store backend {@code rados}: each store (location) is a namespace of the configured pool. Connects on the
 * first {@link #open}, not at activation, so a cluster that is down delays no bundle start; the engine sees
 * {@code UNAVAILABLE} and retries.
 *
 * <p>Thread-safe: the client is created once under {@code this}.
 */
@Component(
        service = StoreBackend.class,
        configurationPid = "io.qss.store.rados",
        property = StoreBackend.PROPERTY + "=" + RadosBackend.NAME)
@Designate(ocd = RadosBackend.Config.class)
public final class RadosBackend implements StoreBackend {

    static final String NAME = "rados";

    @ObjectClassDefinition(
            name = "qss store on Ceph RADOS",
            description = "Where the store backend 'rados' keeps stores: a pool of a Ceph cluster.")
    public @interface Config {
        @AttributeDefinition(description = "ceph.conf with the monitor addresses; empty to read none.")
        String ceph_conf() default "/etc/ceph/ceph.conf";

        @AttributeDefinition(description = "Ceph user (cephx entity) qss connects as.")
        String client_name() default "client.qss";

        @AttributeDefinition(description = "Keyring with that user's key; empty for the one ceph.conf names.")
        String keyring() default "";

        @AttributeDefinition(description = "Pool holding the stores; each store is a namespace in it.")
        String pool() default "qss";

        @AttributeDefinition(description = "Largest object written (bytes); at most the cluster's osd_max_object_size.")
        long object_max_bytes() default 64L << 20;

        @AttributeDefinition(description = "Seconds any cluster operation may take before it fails as UNAVAILABLE.")
        int op_timeout_seconds() default 30;

        @AttributeDefinition(description = "Writer lease duration (s): a standby takes over this long after a crash.")
        int lease_seconds() default 25;

        @AttributeDefinition(description = "Asynchronous writes in flight per open object before a write waits.")
        int writes_in_flight() default 32;
    }

    private final RadosSettings settings;
    private final Set<RadosVolume> volumes = ConcurrentHashMap.newKeySet();
    private RadosClient client;

    @Activate
    public RadosBackend(Config config) {
        this(settings(config));
    }

    RadosBackend(RadosSettings settings) {
        this.settings = settings;
    }

    static RadosSettings settings(Config config) {
        return new RadosSettings(
                config.ceph_conf(),
                config.client_name(),
                config.keyring(),
                config.pool(),
                config.object_max_bytes(),
                config.op_timeout_seconds(),
                config.lease_seconds(),
                config.writes_in_flight());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StoreVolume open(String location) throws StoreException {
        RadosVolume volume = RadosVolume.open(client(), location, volumes::remove);
        volumes.add(volume);
        return volume;
    }

    private synchronized RadosClient client() throws StoreException {
        if (client == null) {
            client = RadosClient.connect(settings);
        }
        return client;
    }

    /** Closes volumes their users left open (releasing a writer lease), then disconnects. */
    @Deactivate
    public synchronized void close() {
        List.copyOf(volumes).forEach(RadosVolume::close);
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
