// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.lang.management.ManagementFactory;

/** This node's name for file names: its host name, as the JVM reports it, reduced to letters, digits, '.' and '-'. */
final class NodeNames {

    private NodeNames() {}

    static String local() {
        // the runtime's name is "<pid>@<host>" on the JVMs qss runs on; no DNS lookup, which may hang at start
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        String host = runtime.substring(runtime.indexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "-");
        return host.isEmpty() ? "node" : host;
    }
}
