// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.QuerySuite;
import io.qss.api.rest.internal.QueryTransport;
import io.qss.api.rest.internal.SuiteData;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared query suite over capnp 3.x; a key's requests go to a listener whose capnp key it is. */
class CapnpQuerySuiteTest extends QuerySuite {

    private static SuiteFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new SuiteFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Override
    protected QueryTransport transport() {
        return new CapnpTransport(
                fixture.server.port(),
                Map.of(fixture.labReader, fixture.labCapnp.port(), fixture.writer, fixture.writerCapnp.port()));
    }

    @Override
    protected SuiteData data() {
        return fixture;
    }
}
