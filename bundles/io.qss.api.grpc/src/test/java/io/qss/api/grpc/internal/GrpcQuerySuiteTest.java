// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.QuerySuite;
import io.qss.api.rest.internal.QueryTransport;
import io.qss.api.rest.internal.SuiteData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared query suite over gRPC v5api. */
class GrpcQuerySuiteTest extends QuerySuite {

    private static SuiteFixture fixture;
    private static GrpcTransport transport;

    @BeforeAll
    static void start() throws Exception {
        fixture = new SuiteFixture();
        transport = new GrpcTransport(fixture.server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        transport.close();
        fixture.close();
    }

    @Override
    protected QueryTransport transport() {
        return transport;
    }

    @Override
    protected SuiteData data() {
        return fixture;
    }
}
