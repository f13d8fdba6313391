// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Reads a collection file of a {@code mongodump} folder: {@code <db>/<collection>.bson} (or {@code .bson.gz} from
 * {@code mongodump --gzip}), which is the collection's documents back to back, each starting with its length as a
 * little-endian int32. Documents are read one at a time, so a dump of any size needs only one document in memory.
 * Stateless.
 */
final class BsonDump {

    /** MongoDB's limit for one document, plus headroom: a larger length means the file is not BSON. */
    private static final int MAX_DOCUMENT = 48 * 1024 * 1024;

    /** Told each document in file order. */
    @FunctionalInterface
    interface DocumentVisitor {
        void visit(BsonDocument doc) throws MigrationException;
    }

    private BsonDump() {}

    /** The dump file of {@code collection} in {@code dbDir}: {@code .bson}, else {@code .bson.gz}; null if neither. */
    static Path file(Path dbDir, String collection) {
        Path plain = dbDir.resolve(collection + ".bson");
        Path gzip = dbDir.resolve(collection + ".bson.gz");
        return Files.isRegularFile(plain) ? plain : Files.isRegularFile(gzip) ? gzip : null;
    }

    /**
     * Hands every document of {@code file} to {@code visitor}.
     *
     * @throws MigrationException when the file cannot be read or a document is truncated or malformed, naming the
     *     file and the document's byte offset
     */
    static void forEach(Path file, DocumentVisitor visitor) throws MigrationException {
        long offset = 0;
        try (InputStream in = open(file)) {
            byte[] header = new byte[4];
            while (readFully(in, header, 0, 4, true)) {
                int length =
                        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (length < 5 || length > MAX_DOCUMENT) {
                    throw new MigrationException("BSON dump holds a malformed document length [file=" + file
                            + ", offset=" + offset + ", length=" + length + "]");
                }
                byte[] doc = new byte[length];
                System.arraycopy(header, 0, doc, 0, 4);
                readFully(in, doc, 4, length - 4, false);
                visitor.visit(parse(doc, file, offset));
                offset += length;
            }
        } catch (EOFException e) {
            throw new MigrationException(
                    "BSON dump ends inside a document [file=" + file + ", offset=" + offset + "]", e);
        } catch (IOException e) {
            throw new MigrationException("reading BSON dump failed [file=" + file + ", offset=" + offset + "]", e);
        }
    }

    /** The number of documents in {@code file}, reading only their lengths (for progress and ETA). */
    static long count(Path file) throws MigrationException {
        long n = 0;
        try (InputStream in = open(file)) {
            byte[] header = new byte[4];
            while (readFully(in, header, 0, 4, true)) {
                int length =
                        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (length < 5) {
                    break;
                }
                in.skipNBytes(length - 4);
                n++;
            }
        } catch (EOFException e) {
            return n;
        } catch (IOException e) {
            throw new MigrationException("reading BSON dump failed [file=" + file + "]", e);
        }
        return n;
    }

    private static BsonDocument parse(byte[] doc, Path file, long offset) throws MigrationException {
        try {
            RawBsonDocument raw = new RawBsonDocument(doc);
            return raw.decode(new BsonDocumentCodec());
        } catch (RuntimeException e) {
            throw new MigrationException(
                    "BSON dump holds a malformed document [file=" + file + ", offset=" + offset + "]", e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Reads exactly {@code n} bytes; false at a clean end of input before the first byte when allowed. */
    private static boolean readFully(InputStream in, byte[] b, int off, int n, boolean isEndAllowed)
            throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, off + done, n - done);
            if (r < 0) {
                if (done == 0 && isEndAllowed) {
                    return false;
                }
                throw new EOFException("end of input after " + done + " of " + n + " bytes");
            }
            done += r;
        }
        return true;
    }
}
