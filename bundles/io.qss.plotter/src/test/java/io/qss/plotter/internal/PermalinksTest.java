// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class PermalinksTest {

    @Test
    void givenMrPlotterLinkId_whenResolved_thenTheSameObjectIdAsItsHexForm() {
        ObjectId id = new ObjectId("5d79b55c574de30a01234567");

        assertEquals(id, Permalinks.objectId("XXm1XFdN4woBI0Vn").orElseThrow());
        assertEquals(id, Permalinks.objectId("5d79b55c574de30a01234567").orElseThrow());
    }

    @Test
    void givenMalformedIds_whenResolved_thenNone() {
        assertTrue(Permalinks.objectId("XXm1XFdN4woBI0V").isEmpty());
        assertTrue(Permalinks.objectId("XXm1XFdN4woBI0V!").isEmpty());
        assertTrue(Permalinks.objectId(null).isEmpty());
    }
}
