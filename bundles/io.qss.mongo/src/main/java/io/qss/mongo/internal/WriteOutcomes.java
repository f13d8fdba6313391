// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import com.mongodb.MongoCommandException;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the writes of qss's client (every bundle's and the health probe's) currently succeed. Any failed write
 * command marks them failing; only a successful probe write clears that, because on a full disk some commands still
 * succeed without writing anything (an index that exists already, an update that changes nothing), and letting them
 * clear it would make health flap. A command the server refused for its content (a duplicate key, a bad value) says
 * nothing about the server and is ignored. Thread-safe.
 */
final class WriteOutcomes implements CommandListener {

    /** Writes fail since {@code since}; the latest failure said {@code reason}. */
    record Failing(String reason, Instant since) {}

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert",
            "update",
            "delete",
            "findAndModify",
            "create",
            "drop",
            "dropDatabase",
            "createIndexes",
            "dropIndexes");
    /** BadValue, FailedToParse, TypeMismatch, NamespaceNotFound, NamespaceExists, DollarPrefixedFieldName,
     *  ImmutableField, IndexOptionsConflict, IndexKeySpecsConflict, DocumentValidationFailure, DuplicateKey. */
    private static final Set<Integer> CONTENT_ERRORS = Set.of(2, 9, 14, 26, 48, 52, 66, 85, 86, 121, 11000);

    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private volatile Failing failing;

    WriteOutcomes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        if (WRITE_COMMANDS.contains(event.getCommandName()) && !isContentError(event.getThrowable())) {
            failed(reasonOf(event.getThrowable()));
        }
    }

    /** Records a failed write seen outside a command (e.g. no server could be selected for the probe). */
    void failed(String reason) {
        failures.incrementAndGet();
        Failing previous = failing;
        failing = new Failing(reason, previous == null ? clock.instant() : previous.since());
    }

    /** The probe wrote its document: writes work. */
    void probeSucceeded() {
        failing = null;
    }

    /** The current failure, empty once the latest probe write succeeded after it. */
    Optional<Failing> failing() {
        return Optional.ofNullable(failing);
    }

    /** Failed writes since start. */
    long failures() {
        return failures.get();
    }

    private static boolean isContentError(Throwable e) {
        return e instanceof MongoCommandException command && CONTENT_ERRORS.contains(command.getErrorCode());
    }

    private static String reasonOf(Throwable e) {
        if (e instanceof MongoCommandException command) {
            return command.getErrorMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
