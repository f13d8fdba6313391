// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import io.qss.device.StreamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceTypesTest {

    private final DeviceTypes types = new DeviceTypes();
    private final DeviceType first = type();
    private final DeviceType second = type();

    @Test
    void givenNoService_whenLeased_thenEmptyAndPausedReasonNamesTheType() {
        assertTrue(types.lease("upmu").isEmpty());
        assertEquals("paused: device type upmu not installed", types.pausedReason("upmu"));
    }

    @Test
    void givenServiceLeftDuringIngest_whenChecked_thenLeaseNoLongerCurrentEvenAfterItReturns() {
        types.add("upmu", first);
        DeviceTypes.Lease lease = types.lease("upmu").orElseThrow();

        assertTrue(types.remove("upmu", first), "last service of the type left");
        types.add("upmu", first);

        assertFalse(types.isCurrent(lease), "the same instance back is a new epoch");
        assertEquals("", types.pausedReason("upmu"));
    }

    @Test
    void givenTwoServicesOfOneType_whenTheOlderLeaves_thenTheNewerServesOnWithItsLease() {
        types.add("upmu", first);
        types.add("upmu", second);
        DeviceTypes.Lease lease = types.lease("upmu").orElseThrow();
        assertSame(second, lease.type());

        assertFalse(types.remove("upmu", first));

        assertTrue(types.isCurrent(lease));
        assertTrue(types.remove("upmu", second), "no service of the type left");
        assertTrue(types.lease("upmu").isEmpty());
    }

    @Test
    void givenTwoServicesOfOneType_whenTheServingOneLeaves_thenTheOtherServesInANewEpoch() {
        types.add("upmu", first);
        types.add("upmu", second);
        DeviceTypes.Lease lease = types.lease("upmu").orElseThrow();

        assertFalse(types.remove("upmu", second));

        assertFalse(types.isCurrent(lease));
        assertSame(first, types.lease("upmu").orElseThrow().type());
        assertTrue(types.lease("c37118").isEmpty(), "types are kept apart by id");
    }

    private static DeviceType type() {
        return new DeviceType() {
            @Override
            public String typeId() {
                return "upmu";
            }

            @Override
            public List<StreamSpec> streams(DeviceDescriptor device) {
                return List.of();
            }
        };
    }
}
