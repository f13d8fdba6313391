// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import io.qss.auth.ApiKey;
import io.qss.auth.DocumentSeal;
import io.qss.auth.IgnoredDocument;
import io.qss.auth.internal.AuthSnapshot.StoredAccount;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.bson.Document;

/**
 * One kind of sealed access control document: how it is read from and written to its document, its identity, and
 * which of its fields grant something (only those, with the identity, are sealed). Stateless.
 *
 * @param <T> what the document holds
 */
final class SealedKinds<T> {

    /** An API key record with the SHA-256 of its secret. */
    record KeyDocument(ApiKey key, String hash) {}

    /** A tag and the path prefixes it may read. */
    record TagDocument(String tag, List<String> prefixes) {}

    /** Identity: user name (how logins find the account). Granting: password hash and tags. */
    static final SealedKinds<StoredAccount> ACCOUNT = new SealedKinds<>(
            "mr_plotter.accounts",
            doc -> new StoredAccount(
                    required(doc, "user"), MongoAuthRepository.passwordHash(doc), MongoAuthRepository.tags(doc)),
            StoredAccount::user,
            a -> List.of(a.bcryptHash(), a.tags()),
            a -> "user=" + a.user(),
            a -> new Document("user", a.user())
                    .append("password", MongoAuthRepository.passwordBinary(a.bcryptHash()))
                    .append("tags", new ArrayList<>(new TreeSet<>(a.tags()))));

    /** Identity: key id ({@code _id}). Granting: the secret's hash, tags and the write flag. */
    static final SealedKinds<KeyDocument> API_KEY = new SealedKinds<>(
            "qss.apikeys",
            doc -> new KeyDocument(MongoAuthRepository.apiKey(doc), required(doc, "hash")),
            k -> k.key().id(),
            k -> List.of(k.hash(), k.key().tags(), k.key().isWriter()),
            k -> "key=" + k.key().id(),
            k -> new Document("_id", k.key().id())
                    .append("name", k.key().name())
                    .append("hash", k.hash())
                    .append("tags", new ArrayList<>(new TreeSet<>(k.key().tags())))
                    .append("write", k.key().isWriter())
                    .append("created", Date.from(k.key().created())));

    /** Identity: the tag. Granting: its prefixes. */
    static final SealedKinds<TagDocument> TAG = new SealedKinds<>(
            "mr_plotter.tagconfig",
            doc -> new TagDocument(required(doc, "tag"), List.copyOf(doc.getList("prefixes", String.class, List.of()))),
            TagDocument::tag,
            t -> List.of(t.prefixes()),
            t -> "tag=" + t.tag(),
            t -> new Document("tag", t.tag()).append("prefixes", new ArrayList<>(t.prefixes())));

    private final String collection;
    private final Function<Document, T> parser;
    private final Function<T, String> identity;
    private final Function<T, List<?>> granting;
    private final Function<T, String> subject;
    private final Function<T, Document> writer;

    private SealedKinds(
            String collection,
            Function<Document, T> parser,
            Function<T, String> identity,
            Function<T, List<?>> granting,
            Function<T, String> subject,
            Function<T, Document> writer) {
        this.collection = collection;
        this.parser = parser;
        this.identity = identity;
        this.granting = granting;
        this.subject = subject;
        this.writer = writer;
    }

    /** What the document holds; throws a RuntimeException when it is malformed. */
    T parse(Document doc) {
        return parser.apply(doc);
    }

    /** The document for {@code value}, sealed. */
    Document sealed(T value, DocumentSeal seal) {
        return writer.apply(value).append(DocumentSeal.FIELD, sealOf(value, seal));
    }

    /** The seal the document should carry, or empty when it is malformed. */
    Optional<String> sealOf(Document doc, DocumentSeal seal) {
        try {
            return Optional.of(sealOf(parse(doc), seal));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Why the document is not to be trusted, or empty when its seal is right. */
    Optional<IgnoredDocument> problem(Document doc, DocumentSeal seal) {
        String id = String.valueOf(doc.get("_id"));
        T value;
        try {
            value = parse(doc);
        } catch (RuntimeException e) {
            return Optional.of(new IgnoredDocument(collection, id, "", "malformed: " + e.getMessage()));
        }
        Object stored = doc.get(DocumentSeal.FIELD);
        if (stored == null) {
            return Optional.of(new IgnoredDocument(collection, id, subject.apply(value), "missing signature"));
        }
        if (!(stored instanceof String text)
                || !seal.isSealed(collection, identity.apply(value), granting.apply(value), text)) {
            return Optional.of(new IgnoredDocument(collection, id, subject.apply(value), "bad signature"));
        }
        return Optional.empty();
    }

    private String sealOf(T value, DocumentSeal seal) {
        return seal.seal(collection, identity.apply(value), granting.apply(value));
    }

    private static String required(Document doc, String field) {
        return Objects.requireNonNull(doc.getString(field), () -> "field missing [field=" + field + "]");
    }
}
