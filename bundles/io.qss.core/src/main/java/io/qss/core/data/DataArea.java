// SPDX-License-Identifier: Apache-2.0
package io.qss.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One area of qss's data, wherever it lives, which a restore or a new database replaces as a whole. Registered as an
 * OSGi service with the service property {@value #AREA}{@code =}{@link #area()} by the bundle that knows where the
 * area's data lives. The caller first stops every component that keeps the area open (the data owners), so
 * {@link #replace} must work while they are stopped: it must not depend on them.
 *
 * <p>A replacement interrupted at any point (kill -9, power loss) leaves the area as it was, as the export, or marked
 * incomplete so that its owner refuses to open it and says so; replacing again completes it.
 *
 * <p>Only JDK types appear in the signatures: the operations bundle calls it by name, without importing this package
 * (an update that swaps the bundle exporting it would otherwise restart the update's own code).
 *
 * <p>Implementations are thread-safe.
 */
@ConsumerType
public interface DataArea {

    /** Service property (String): the area's name, e.g. {@code store}; the same as the owners' {@code qss.data.area}. */
    String AREA = "qss.data.area";

    /** The area's name, e.g. {@code store}; never null. */
    String area();

    /** Where the area's data lives, for messages, e.g. {@code backend=rados, pool=qss, ns=store}; never null. */
    String describe();

    /**
     * Replaces the area's data with the export in {@code export} (a folder in the layout a backup writes), or with
     * nothing when it is null (a new, empty database). Refuses before changing anything when the export is unusable
     * or another process writes the area.
     *
     * @param export folder holding the export, or null for empty
     * @param progress receives one line per step, for the operator
     * @return one-line summary naming where the data went and how much was written
     * @throws IOException what failed, with the place and the cause
     */
    String replace(Path export, Consumer<String> progress) throws IOException;
}
