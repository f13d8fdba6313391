// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.qss.api.grpc.internal.v5api.AlignedWindowsParams;
import io.qss.api.grpc.internal.v5api.AlignedWindowsResponse;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.ChangesParams;
import io.qss.api.grpc.internal.v5api.ChangesResponse;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.CreateResponse;
import io.qss.api.grpc.internal.v5api.DeleteParams;
import io.qss.api.grpc.internal.v5api.DeleteResponse;
import io.qss.api.grpc.internal.v5api.FaultInjectParams;
import io.qss.api.grpc.internal.v5api.FaultInjectResponse;
import io.qss.api.grpc.internal.v5api.FlushParams;
import io.qss.api.grpc.internal.v5api.FlushResponse;
import io.qss.api.grpc.internal.v5api.GenerateCSVParams;
import io.qss.api.grpc.internal.v5api.GenerateCSVResponse;
import io.qss.api.grpc.internal.v5api.InfoParams;
import io.qss.api.grpc.internal.v5api.InfoResponse;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.ListCollectionsParams;
import io.qss.api.grpc.internal.v5api.ListCollectionsResponse;
import io.qss.api.grpc.internal.v5api.LookupStreamsParams;
import io.qss.api.grpc.internal.v5api.LookupStreamsResponse;
import io.qss.api.grpc.internal.v5api.Mash;
import io.qss.api.grpc.internal.v5api.MetadataUsageParams;
import io.qss.api.grpc.internal.v5api.MetadataUsageResponse;
import io.qss.api.grpc.internal.v5api.NearestParams;
import io.qss.api.grpc.internal.v5api.NearestResponse;
import io.qss.api.grpc.internal.v5api.ObliterateParams;
import io.qss.api.grpc.internal.v5api.ObliterateResponse;
import io.qss.api.grpc.internal.v5api.ProxyInfo;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.SQLQueryParams;
import io.qss.api.grpc.internal.v5api.SQLQueryResponse;
import io.qss.api.grpc.internal.v5api.SetStreamAnnotationsParams;
import io.qss.api.grpc.internal.v5api.SetStreamAnnotationsResponse;
import io.qss.api.grpc.internal.v5api.SetStreamTagsParams;
import io.qss.api.grpc.internal.v5api.SetStreamTagsResponse;
import io.qss.api.grpc.internal.v5api.Status;
import io.qss.api.grpc.internal.v5api.StreamInfoParams;
import io.qss.api.grpc.internal.v5api.StreamInfoResponse;
import io.qss.api.grpc.internal.v5api.WindowsParams;
import io.qss.api.grpc.internal.v5api.WindowsResponse;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code v5api.BTrDB} service. Errors travel in-band ({@code stat}); an unexpected failure of a call is logged
 * and answered with 416 GenericError. FaultInject answers 424 (disabled) and SQLQuery 501 (not implemented).
 */
final class BtrdbService extends BTrDBGrpc.BTrDBImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(BtrdbService.class);
    static final int MAJOR_VERSION = 5;

    private final QueryRpcs queries;
    private final WriteRpcs writes;
    private final MetadataRpcs metadata;
    private final CsvRpc csv;
    private final InfoResponse info;

    BtrdbService(Streams streams, ServerSettings settings) {
        this.queries = new QueryRpcs(streams);
        this.writes = new WriteRpcs(streams, settings.maxInsertPoints());
        this.metadata = new MetadataRpcs(streams);
        this.csv = new CsvRpc(streams, settings.maxCsvRows());
        this.info = InfoResponse.newBuilder()
                .setMajorVersion(MAJOR_VERSION)
                .setMinorVersion(0)
                .setBuild("qss " + settings.build())
                .setMash(Mash.newBuilder().setHealthy(true))
                .setProxy(ProxyInfo.newBuilder().addAllProxyEndpoints(settings.proxyEndpoints()))
                .build();
    }

    /** RawValues with its answer encoded by hand; bound in place of the generated one by {@link #definition}. */
    void rawValuesEncoded(RawValuesParams request, StreamObserver<Encoded> out) {
        guarded(out, () -> queries.rawValues(request, out));
    }

    @Override
    public void alignedWindows(AlignedWindowsParams request, StreamObserver<AlignedWindowsResponse> out) {
        guarded(out, () -> queries.alignedWindows(request, out));
    }

    @Override
    public void windows(WindowsParams request, StreamObserver<WindowsResponse> out) {
        guarded(out, () -> queries.windows(request, out));
    }

    @Override
    public void streamInfo(StreamInfoParams request, StreamObserver<StreamInfoResponse> out) {
        unary(out, () -> metadata.streamInfo(request));
    }

    @Override
    public void setStreamAnnotations(
            SetStreamAnnotationsParams request, StreamObserver<SetStreamAnnotationsResponse> out) {
        unary(out, () -> metadata.setAnnotations(request));
    }

    @Override
    public void setStreamTags(SetStreamTagsParams request, StreamObserver<SetStreamTagsResponse> out) {
        unary(out, () -> metadata.setTags(request));
    }

    @Override
    public void create(CreateParams request, StreamObserver<CreateResponse> out) {
        unary(out, () -> metadata.create(request));
    }

    @Override
    public void listCollections(ListCollectionsParams request, StreamObserver<ListCollectionsResponse> out) {
        guarded(out, () -> metadata.listCollections(request, out));
    }

    @Override
    public void lookupStreams(LookupStreamsParams request, StreamObserver<LookupStreamsResponse> out) {
        guarded(out, () -> metadata.lookupStreams(request, out));
    }

    @Override
    public void nearest(NearestParams request, StreamObserver<NearestResponse> out) {
        unary(out, () -> queries.nearest(request));
    }

    @Override
    public void changes(ChangesParams request, StreamObserver<ChangesResponse> out) {
        guarded(out, () -> queries.changes(request, out));
    }

    /** Insert with its request decoded into arrays; bound in place of the generated one by {@link #definition}. */
    void insertDecoded(InsertRequest request, StreamObserver<InsertResponse> out) {
        unary(out, () -> writes.insert(request));
    }

    /**
     * The service as served: the generated binding, with RawValues and Insert replaced by the same calls on
     * hand-written wire codecs (the two calls that move points in bulk).
     */
    ServerServiceDefinition definition() {
        ServerServiceDefinition generated = bindService();
        ServerServiceDefinition.Builder served =
                ServerServiceDefinition.builder(generated.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
            String name = method.getMethodDescriptor().getFullMethodName();
            if (!name.equals(BTrDBGrpc.getRawValuesMethod().getFullMethodName())
                    && !name.equals(BTrDBGrpc.getInsertMethod().getFullMethodName())) {
                served.addMethod(method);
            }
        }
        served.addMethod(
                BTrDBGrpc.getRawValuesMethod().toBuilder(
                                BTrDBGrpc.getRawValuesMethod().getRequestMarshaller(), Encoded.MARSHALLER)
                        .build(),
                ServerCalls.asyncServerStreamingCall(this::rawValuesEncoded));
        served.addMethod(
                BTrDBGrpc.getInsertMethod().toBuilder(
                                InsertRequest.MARSHALLER,
                                BTrDBGrpc.getInsertMethod().getResponseMarshaller())
                        .build(),
                ServerCalls.asyncUnaryCall(this::insertDecoded));
        return served.build();
    }

    @Override
    public void delete(DeleteParams request, StreamObserver<DeleteResponse> out) {
        unary(out, () -> writes.delete(request));
    }

    @Override
    public void info(InfoParams request, StreamObserver<InfoResponse> out) {
        unary(out, () -> info);
    }

    @Override
    public void faultInject(FaultInjectParams request, StreamObserver<FaultInjectResponse> out) {
        unary(
                out,
                () -> FaultInjectResponse.newBuilder()
                        .setStat(Status.newBuilder()
                                .setCode(ApiException.FAULT_INJECTION_DISABLED)
                                .setMsg("fault injection is disabled"))
                        .build());
    }

    @Override
    public void flush(FlushParams request, StreamObserver<FlushResponse> out) {
        unary(out, () -> writes.flush(request));
    }

    @Override
    public void obliterate(ObliterateParams request, StreamObserver<ObliterateResponse> out) {
        unary(out, () -> writes.obliterate(request));
    }

    @Override
    public void getMetadataUsage(MetadataUsageParams request, StreamObserver<MetadataUsageResponse> out) {
        unary(out, () -> metadata.metadataUsage(request));
    }

    @Override
    public void generateCSV(GenerateCSVParams request, StreamObserver<GenerateCSVResponse> out) {
        guarded(out, () -> csv.generate(request, out));
    }

    @Override
    public void sQLQuery(SQLQueryParams request, StreamObserver<SQLQueryResponse> out) {
        out.onNext(SQLQueryResponse.newBuilder()
                .setStat(Status.newBuilder()
                        .setCode(ApiException.NOT_IMPLEMENTED)
                        .setMsg("SQL metadata queries are not implemented; use LookupStreams"))
                .build());
        out.onCompleted();
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
        guarded(out, () -> {
            out.onNext(call.get());
            out.onCompleted();
        });
    }

    /** Runs a call; an unexpected exception is logged and ends the call with gRPC status INTERNAL. */
    private static <T> void guarded(StreamObserver<T> out, Runnable call) {
        try {
            call.run();
        } catch (io.grpc.StatusRuntimeException e) {
            LOG.debug("gRPC call ended by the client", e);
        } catch (RuntimeException e) {
            LOG.warn("gRPC call failed", e);
            try {
                out.onError(io.grpc.Status.INTERNAL
                        .withDescription("internal error: " + e)
                        .withCause(e)
                        .asRuntimeException());
            } catch (RuntimeException closed) {
                LOG.debug("gRPC call already closed", closed);
            }
        }
    }
}
