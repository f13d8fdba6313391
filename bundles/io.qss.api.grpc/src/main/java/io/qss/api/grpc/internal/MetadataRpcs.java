// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.stub.StreamObserver;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.CreateResponse;
import io.qss.api.grpc.internal.v5api.KeyCount;
import io.qss.api.grpc.internal.v5api.ListCollectionsParams;
import io.qss.api.grpc.internal.v5api.ListCollectionsResponse;
import io.qss.api.grpc.internal.v5api.LookupStreamsParams;
import io.qss.api.grpc.internal.v5api.LookupStreamsResponse;
import io.qss.api.grpc.internal.v5api.MetadataUsageParams;
import io.qss.api.grpc.internal.v5api.MetadataUsageResponse;
import io.qss.api.grpc.internal.v5api.SetStreamAnnotationsParams;
import io.qss.api.grpc.internal.v5api.SetStreamAnnotationsResponse;
import io.qss.api.grpc.internal.v5api.SetStreamTagsParams;
import io.qss.api.grpc.internal.v5api.SetStreamTagsResponse;
import io.qss.api.grpc.internal.v5api.StreamInfoParams;
import io.qss.api.grpc.internal.v5api.StreamInfoResponse;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * StreamInfo, SetStreamAnnotations, SetStreamTags, Create, ListCollections, LookupStreams and GetMetadataUsage.
 * Listings show only streams the caller may read.
 */
final class MetadataRpcs {

    static final int RESULTS_PER_MESSAGE = 1000;

    private final Streams streams;
    private final TimeSeriesStore store;

    MetadataRpcs(Streams streams) {
        this.streams = streams;
        this.store = streams.store();
    }

    StreamInfoResponse streamInfo(StreamInfoParams p) {
        StreamInfoResponse.Builder response = StreamInfoResponse.newBuilder();
        try {
            if (p.getOmitVersion() && p.getOmitDescriptor()) {
                throw new ApiException(ApiException.WRONG_ARGS, "omitting both version and descriptor");
            }
            UUID uuid = Streams.uuid(p.getUuid());
            StreamInfo info = streams.readable(uuid);
            if (!p.getOmitVersion()) {
                Version version = streams.versionFor(uuid, Version.LATEST);
                response.setVersionMajor(version.major()).setVersionMinor(version.minor());
            }
            if (!p.getOmitDescriptor()) {
                response.setStreamDescriptor(Proto.descriptor(info));
            }
            return response.build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        }
    }

    SetStreamAnnotationsResponse setAnnotations(SetStreamAnnotationsParams p) {
        SetStreamAnnotationsResponse.Builder response = SetStreamAnnotationsResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            streams.writable(uuid);
            List<String> removals = new ArrayList<>(p.getRemovalsList());
            removals.addAll(Proto.valueless(p.getChangesList()));
            store.setAnnotations(uuid, p.getExpectedPropertyVersion(), Proto.values(p.getChangesList()), removals);
            return response.build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    SetStreamTagsResponse setTags(SetStreamTagsParams p) {
        SetStreamTagsResponse.Builder response = SetStreamTagsResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            StreamInfo info = streams.writable(uuid);
            String collection = p.getCollection().isEmpty() ? null : p.getCollection();
            Map<String, String> changes = Proto.values(p.getTagsList());
            List<String> removals = new ArrayList<>(p.getRemoveList());
            removals.addAll(Proto.valueless(p.getTagsList()));
            Map<String, String> newTags = new TreeMap<>(info.tags());
            removals.forEach(newTags::remove);
            newTags.putAll(changes);
            streams.requireWrite(Streams.path(
                    new StreamInfo(uuid, collection == null ? info.collection() : collection, newTags, Map.of(), 0)));
            store.setTags(uuid, p.getExpectedPropertyVersion(), collection, changes, removals);
            return response.build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    CreateResponse create(CreateParams p) {
        CreateResponse.Builder response = CreateResponse.newBuilder();
        try {
            UUID uuid = Streams.uuid(p.getUuid());
            Map<String, String> tags = Proto.values(p.getTagsList());
            streams.requireWrite(Streams.path(new StreamInfo(uuid, p.getCollection(), tags, Map.of(), 0)));
            store.create(uuid, p.getCollection(), tags, Proto.values(p.getAnnotationsList()));
            return response.build();
        } catch (ApiException e) {
            return response.setStat(Proto.status(e)).build();
        } catch (StoreException e) {
            return response.setStat(Proto.status(ApiException.of(e))).build();
        }
    }

    void listCollections(ListCollectionsParams p, StreamObserver<ListCollectionsResponse> observer) {
        Sender<ListCollectionsResponse> sender = new Sender<>(observer);
        TreeSet<String> collections = new TreeSet<>();
        for (StreamInfo info : store.lookup(p.getPrefix(), true, Map.of(), Map.of())) {
            if (streams.mayRead(info)) {
                collections.add(info.collection());
            }
        }
        List<String> all = new ArrayList<>(collections);
        int i = 0;
        do {
            int end = Math.min(all.size(), i + RESULTS_PER_MESSAGE);
            ListCollectionsResponse message = ListCollectionsResponse.newBuilder()
                    .addAllCollections(all.subList(i, end))
                    .build();
            i = end;
            if (!sender.send(message)) {
                return;
            }
        } while (i < all.size());
        sender.complete();
    }

    void lookupStreams(LookupStreamsParams p, StreamObserver<LookupStreamsResponse> observer) {
        Sender<LookupStreamsResponse> sender = new Sender<>(observer);
        List<StreamInfo> found = store.lookup(
                p.getCollection(),
                p.getIsCollectionPrefix(),
                Proto.map(p.getTagsList()),
                Proto.map(p.getAnnotationsList()));
        LookupStreamsResponse.Builder message = LookupStreamsResponse.newBuilder();
        boolean hasSent = false;
        for (StreamInfo info : found) {
            if (streams.mayRead(info)) {
                message.addResults(Proto.descriptor(info));
            }
            if (message.getResultsCount() == RESULTS_PER_MESSAGE) {
                hasSent = true;
                if (!sender.send(message.build())) {
                    return;
                }
                message.clearResults();
            }
        }
        if (message.getResultsCount() > 0 || !hasSent) {
            sender.send(message.build());
        }
        sender.complete();
    }

    MetadataUsageResponse metadataUsage(MetadataUsageParams p) {
        Map<String, Long> tags = new TreeMap<>();
        Map<String, Long> annotations = new TreeMap<>();
        for (StreamInfo info : store.lookup(p.getPrefix(), true, Map.of(), Map.of())) {
            if (streams.mayRead(info)) {
                info.tags().keySet().forEach(key -> tags.merge(key, 1L, Long::sum));
                info.annotations().keySet().forEach(key -> annotations.merge(key, 1L, Long::sum));
            }
        }
        MetadataUsageResponse.Builder usage = MetadataUsageResponse.newBuilder();
        tags.forEach(
                (key, count) -> usage.addTags(KeyCount.newBuilder().setKey(key).setCount(count)));
        annotations.forEach((key, count) ->
                usage.addAnnotations(KeyCount.newBuilder().setKey(key).setCount(count)));
        return usage.build();
    }
}
