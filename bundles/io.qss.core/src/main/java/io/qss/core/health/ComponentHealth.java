// SPDX-License-Identifier: Apache-2.0
package io.qss.core.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by each qss component that serves or stores something and registered as an OSGi service; the health
 * endpoint and {@code qss:status} list every registered one.
 *
 * <p>Implementations must be thread-safe and answer quickly, without I/O that can block (they are called on request
 * threads).
 */
@ConsumerType
public interface ComponentHealth {

    /** Short stable name shown to operators, e.g. {@code "mongo"}, {@code "receiver"}; never null. */
    String componentName();

    /** The component's current health; never null. */
    HealthReport health();
}
