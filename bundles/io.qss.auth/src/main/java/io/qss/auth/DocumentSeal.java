// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticates security-relevant MongoDB documents, so that someone who can write to the database but not read
 * the qss host's files cannot forge them: an HMAC-SHA-256, keyed by a secret kept in the data directory's
 * {@code keys/}, over the collection, the document's identity and the fields that grant something. A seal made for
 * one document does not fit another. Thread-safe; never blocks.
 */
@ProviderType
public interface DocumentSeal {

    /** The document field that holds the seal. */
    String FIELD = "hmac";

    /**
     * The seal of a document.
     *
     * @param collection {@code database.collection}
     * @param id the identity the document is looked up by (its {@code _id}, user or tag)
     * @param fields the granting fields in a fixed order, each a String, Boolean or Collection of Strings
     *     (collections are sealed as sets: order and duplicates do not matter)
     * @return the seal, to store in {@link #FIELD}
     */
    String seal(String collection, String id, List<?> fields);

    /** True when {@code seal} is the seal of these values; false for a null or foreign seal. */
    boolean isSealed(String collection, String id, List<?> fields, String seal);
}
