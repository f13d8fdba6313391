// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared query suite over REST 3.x. */
class RestQuerySuiteTest extends QuerySuite {

    private static RestFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RestFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Override
    protected QueryTransport transport() {
        return new RestTransport(fixture);
    }

    @Override
    protected SuiteData data() {
        return fixture;
    }
}
