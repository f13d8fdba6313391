// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

import java.util.Map;
import java.util.UUID;

/**
 * A stream's identity and metadata. Immutable.
 *
 * @param uuid the stream's identity; never null
 * @param collection slash-separated collection path, 1-255 bytes of UTF-8; never null
 * @param tags identifying tags (e.g. {@code name}, {@code unit}); never null
 * @param annotations free-form annotations; never null
 * @param propertyVersion version of collection, tags and annotations together, starting at 0; compare-and-set
 *     updates must name it
 */
public record StreamInfo(
        UUID uuid, String collection, Map<String, String> tags, Map<String, String> annotations, long propertyVersion) {

    public StreamInfo {
        tags = Map.copyOf(tags);
        annotations = Map.copyOf(annotations);
    }
}
