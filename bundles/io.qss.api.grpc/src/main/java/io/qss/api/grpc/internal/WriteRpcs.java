// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.grpc.internal.v5api.DeleteParams;
import io.qss.api.grpc.internal.v5api.DeleteResponse;
import io.qss.api.grpc.internal.v5api.FlushParams;
import io.qss.api.grpc.internal.v5api.FlushResponse;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.ObliterateParams;
import io.qss.api.grpc.internal.v5api.ObliterateResponse;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.util.UUID;

/** Insert, Delete, Flush and Obliterate: each needs a caller that may write the stream. */
final class WriteRpcs {

    private final Streams streams;
    private final TimeSeriesStore store;
    private final int maxInsertPoints;

    WriteRpcs(Streams streams, int maxInsertPoints) {
        this.streams = streams;
        this.store = streams.store();
        this.maxInsertPoints = maxInsertPoints;
    }

    InsertResponse insert(InsertRequest p) {
        InsertResponse.Builder response = InsertResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.uuid());
            streams.writable(uuid);
            int n = p.count();
            if (n > maxInsertPoints) {
                throw new ApiException(
                        ApiException.INSERT_TOO_BIG,
                        "insert too big [uuid=" + uuid + ", points=" + n + ", limit=" + maxInsertPoints + "]");
            }
            Version version = n == 0
                    ? store.version(uuid)
                    : store.insert(uuid, p.times(), p.values(), 0, n, policy(p.mergePolicy()));
            if (p.sync()) {
                version = store.flush(uuid);
            }
            return response.setVersionMajor(version.major())
                    .setVersionMinor(version.minor())
                    .build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    private static MergePolicy policy(int value) throws ApiException {
        return switch (value) {
            case 0 -> MergePolicy.NEVER;
            case 1 -> MergePolicy.EQUAL;
            case 2 -> MergePolicy.RETAIN;
            case 3 -> MergePolicy.REPLACE;
            default ->
                throw new ApiException(ApiException.INVALID_PARAMETER, "unknown merge policy [value=" + value + "]");
        };
    }

    DeleteResponse delete(DeleteParams p) {
        DeleteResponse.Builder response = DeleteResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.writable(uuid);
            Version version = store.delete(uuid, p.getStart(), p.getEnd());
            return response.setVersionMajor(version.major())
                    .setVersionMinor(version.minor())
                    .build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    FlushResponse flush(FlushParams p) {
        FlushResponse.Builder response = FlushResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.writable(uuid);
            Version version = store.flush(uuid);
            return response.setVersionMajor(version.major())
                    .setVersionMinor(version.minor())
                    .build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    ObliterateResponse obliterate(ObliterateParams p) {
        ObliterateResponse.Builder response = ObliterateResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.writable(uuid);
            store.obliterate(uuid);
            return response.build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }
}
