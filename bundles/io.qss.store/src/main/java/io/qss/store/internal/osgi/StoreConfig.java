// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.store.internal.StoreOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code io.qss.store} ({@code etc/io.qss.store.cfg}). */
@ObjectClassDefinition(id = "io.qss.store", name = "qss store", description = "The versioned time-series store")
public @interface StoreConfig {

    @AttributeDefinition(
            description = "Where the store keeps its bytes: the name of an installed store backend "
                    + "(file: a local directory; rados: a Ceph pool). backend.target must select it")
    String backend() default "file";

    @AttributeDefinition(
            description = "Filter selecting the backend service by its name; the shipped file makes it follow backend")
    String backend_target() default "(backend=file)";

    @AttributeDefinition(
            description = "Where within the backend: a directory for file, a namespace for rados; "
                    + "empty = <qss data>/store")
    String location() default "";

    @AttributeDefinition(description = "Commit a stream's buffer once it holds this many points")
    int commit_max_points() default 32768;

    @AttributeDefinition(description = "Commit a stream's buffer once its oldest point waited this many ms")
    long commit_max_age_ms() default 60_000;

    @AttributeDefinition(description = "ALWAYS: fsync before an insert returns (safe); PERIODIC: every interval")
    StoreOptions.WalSyncPolicy wal_sync() default StoreOptions.WalSyncPolicy.ALWAYS;

    @AttributeDefinition(description = "fsync period in ms when wal.sync is PERIODIC")
    long wal_sync_interval_ms() default 100;

    @AttributeDefinition(description = "Heap budget of the decoded block cache in MiB")
    long cache_size_mb() default 256;

    @AttributeDefinition(description = "Largest accepted insert in points (at least 50000)")
    int max_insert_points() default 1_000_000;

    @AttributeDefinition(description = "Inserts fail once this percentage of the data volume is used")
    double disk_full_percent() default 98.0;

    @AttributeDefinition(
            description =
                    "Memory all stream buffers may hold together (outside the heap), in MiB; beyond it the largest "
                            + "buffers are committed early and inserts wait. 0 = 40 % of the maximum heap")
    long buffer_max_mb() default 0;

    @AttributeDefinition(
            description = "Longest an insert waits for buffer room, in ms, before it fails "
                    + "(sync keeps the file spooled and retries it)")
    long buffer_wait_ms() default 30_000;

    @AttributeDefinition(
            description = "Versions kept per stream when the store is compacted (qss:store compact), "
                    + "counting the latest; 0 keeps every version (BTrDB's full history)")
    int retention_versions() default 0;

    @AttributeDefinition(
            description = "When the store is compacted, drop the versions of each stream committed more than this "
                    + "many days before; the latest always stays, and a version older qss stored without a commit "
                    + "time goes only with a later version this rule drops. 0 keeps versions of any age. With "
                    + "retention.versions too, a version goes when either rule drops it")
    int retention_days() default 0;

    @AttributeDefinition(
            description = "Hour of the day (0-23, the server's local time) at which the store compacts itself every "
                    + "day, freeing the blocks of obliterated streams and of versions the retention settings drop; "
                    + "-1 compacts only on request (qss:store compact)")
    int compaction_hour() default 3;

    @AttributeDefinition(
            description = "When another process holds the store's writer lease: true starts as a standby (reads "
                    + "served, writes refused, takes over once the lease is free); false fails the open")
    boolean standby() default false;

    @AttributeDefinition(description = "While standby: reopen the store read-only every this many seconds")
    int standby_refresh_seconds() default 5;

    @AttributeDefinition(description = "While standby: ask for the writer lease every this many seconds")
    int standby_poll_seconds() default 2;
}
