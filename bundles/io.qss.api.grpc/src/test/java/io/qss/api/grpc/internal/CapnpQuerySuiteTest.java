// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.rest.internal.QuerySuite;
import io.qss.api.rest.internal.QueryTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared query suite over capnp 3.x; the lab key's queries go to a listener whose capnp key it is. */
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
        return new CapnpTransport(fixture.server.port(), fixture.labReader, fixture.labCapnp.port());
    }

    @Override
    protected String labKey() {
        return fixture.labReader;
    }
}
