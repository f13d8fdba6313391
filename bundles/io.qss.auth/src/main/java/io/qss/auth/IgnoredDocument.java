// SPDX-License-Identifier: Apache-2.0
package io.qss.auth;

/**
 * A security-relevant document that access control does not trust and therefore ignores: its seal is missing or
 * wrong (see {@link DocumentSeal}), or it is malformed. Shown by the console so an administrator sees tampering.
 *
 * @param collection {@code database.collection}
 * @param id the document's {@code _id}
 * @param subject what it claims to be, e.g. {@code user=bob}, {@code key=1a2b3c4d}, {@code tag=all}
 * @param reason why it is ignored, e.g. {@code bad signature}
 */
public record IgnoredDocument(String collection, String id, String subject, String reason) {}
