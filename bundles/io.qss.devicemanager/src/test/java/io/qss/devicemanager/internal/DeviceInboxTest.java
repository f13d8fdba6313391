// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.qss.devicemanager.internal.DeviceInbox.Inbound;
import org.junit.jupiter.api.Test;

class DeviceInboxTest {

    @Test
    void givenItems_thenTakenInArrivalOrder() {
        DeviceInbox inbox = new DeviceInbox(1000);
        inbox.add(Inbound.up());
        inbox.add(Inbound.data(new byte[] {1, 2}));
        inbox.add(Inbound.down("gone"));

        assertEquals(64 + 2 + 64, inbox.bytes());
        assertEquals(true, inbox.peek().isUp());
        inbox.remove();
        assertArrayEquals(new byte[] {1, 2}, inbox.peek().bytes());
        inbox.remove();
        assertEquals("gone", inbox.peek().reason());
        assertFalse(inbox.peek().isUp());
        inbox.remove();
        assertNull(inbox.peek());
        assertEquals(0, inbox.bytes());
    }

    @Test
    void givenMoreThanCapacity_thenOldestBytesDroppedAndCountedButEventsKept() {
        DeviceInbox inbox = new DeviceInbox(300);
        inbox.add(Inbound.data(new byte[100]));
        inbox.add(Inbound.down("lost"));
        inbox.add(Inbound.data(new byte[100]));

        long dropped = inbox.add(Inbound.data(new byte[100]));

        assertEquals(100, dropped);
        assertEquals(100, inbox.droppedBytes());
        assertEquals("lost", inbox.peek().reason(), "the event stays at the head");
        assertEquals(64 + 200, inbox.bytes());
    }
}
