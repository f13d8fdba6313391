// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.DeviceType;
import io.qss.device.ProtocolSession;
import io.qss.device.StreamSpec;
import io.qss.device.testkit.LiveExchange.Cuts;
import io.qss.device.testkit.RecordingDeviceContext.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The checks of a live type, played against the test's {@link ScriptedDevice}: status and frame counts reported,
 * samples only in declared streams, the same samples however the bytes are cut and from a session resumed on saved
 * state, damaged messages counted not thrown, fuzzed input never ending in an unchecked exception, failed sends
 * reported as {@link DeviceErrorCode#IO_ERROR}.
 */
public final class LiveContract {

    private static final int FUZZ_ROUNDS = 20;
    private static final int MAX_SINGLE_BYTE_INPUT = 256 * 1024;

    private final ContractSubject subject;
    private final DeviceType type;
    private final DeviceDescriptor device;

    public LiveContract(ContractSubject subject) {
        this.subject = subject;
        this.type = subject.type();
        this.device = subject.devices().get(0).descriptor(type);
    }

    /**
     * A clean exchange: CONNECTED or RECEIVING reported, RECEIVING once data came, no ERROR; frames counted, none
     * invalid; samples stored, only in declared streams; declared streams valid.
     */
    public void checkSessionReportsAndDelivers() throws DeviceException {
        RecordingDeviceContext context = runClean(exchange(subject.live()), Cuts.WHOLE, new Random(0), new byte[0]);
        List<DeviceStatus> statuses =
                context.statuses().stream().map(StatusReport::status).toList();
        assertTrue(statuses.contains(DeviceStatus.RECEIVING), "no RECEIVING reported [statuses=" + statuses + "]");
        assertFalse(
                statuses.contains(DeviceStatus.ERROR),
                "ERROR reported on a clean exchange [statuses=" + context.statuses() + "]");
        assertTrue(context.validFrames() > 0, "no valid frame counted");
        assertEquals(0, context.invalidFrames(), "invalid frames counted on a clean exchange");
        checkDelivered(context, "clean exchange");
    }

    /**
     * The same device bytes give the same samples and counts whether they come in one piece, cut at random points or
     * byte by byte, and whether the session starts fresh or from the state an earlier session saved.
     */
    public void checkDecodingIgnoresCutsAndResumesFromState(Fuzz fuzz) throws DeviceException {
        LiveExchange exchange = exchange(subject.live());
        RecordingDeviceContext whole = runClean(exchange, Cuts.WHOLE, fuzz.random(), new byte[0]);
        List<Cuts> others = new ArrayList<>(List.of(Cuts.RANDOM));
        if (inputSize() <= MAX_SINGLE_BYTE_INPUT) {
            others.add(Cuts.SINGLE_BYTES);
        }
        for (Cuts cuts : others) {
            RecordingDeviceContext cut = runClean(exchange, cuts, fuzz.random(), new byte[0]);
            assertEquals(
                    whole.recordingSink().samples(),
                    cut.recordingSink().samples(),
                    "samples depend on how the bytes are cut [cuts=" + cuts + "]" + fuzz.tag());
            assertEquals(
                    whole.validFrames(),
                    cut.validFrames(),
                    "valid frames depend on how the bytes are cut [cuts=" + cuts + "]" + fuzz.tag());
        }
        RecordingDeviceContext resumed;
        try {
            resumed = exchange.resume(Cuts.RANDOM, fuzz.random(), whole);
        } catch (DeviceException e) {
            throw new AssertionError(
                    "a session resumed from saved state failed [code=" + e.code() + "]" + fuzz.tag(), e);
        }
        assertEquals(
                whole.recordingSink().samples(),
                resumed.recordingSink().samples(),
                "a session resumed from saved state decodes other samples" + fuzz.tag());
    }

    /**
     * A session that starts from the state a first session saved, on a device already streaming (as after an update
     * of the type's bundle, the connection kept open), decodes at once: frames counted valid, samples stored.
     */
    public void checkResumedSessionDecodesAtOnce() {
        RecordingDeviceContext first = runClean(exchange(subject.live()), Cuts.WHOLE, new Random(0), new byte[0]);
        RecordingDeviceContext resumed;
        try {
            resumed = exchange(subject.resumedLive()).resume(Cuts.WHOLE, new Random(0), first);
        } catch (DeviceException e) {
            throw new AssertionError("a session resumed from saved state failed [code=" + e.code() + "]", e);
        }
        assertTrue(
                resumed.validFrames() > 0 && resumed.recordingSink().storedCount() > 0,
                "a session resumed from saved state decodes nothing of a streaming device: keep what decoding needs"
                        + " with saveState [stateBytes=" + first.loadState().length + ", invalidFrames="
                        + resumed.invalidFrames() + "]");
        checkDelivered(resumed, "resumed exchange");
    }

    /** Damaged messages among good ones are counted invalid without an exception; the good ones still decode. */
    public void checkDamagedMessagesCounted() throws DeviceException {
        RecordingDeviceContext context;
        try {
            context = exchange(subject.faultyLive()).run(Cuts.WHOLE, new Random(0), new byte[0]);
        } catch (DeviceException e) {
            throw new AssertionError(
                    "a damaged message among good ones must be counted, not thrown [code=" + e.code() + "]", e);
        }
        assertTrue(context.invalidFrames() > 0, "damaged messages not counted invalid");
        assertTrue(context.validFrames() > 0, "no good message decoded around the damaged ones");
        checkDelivered(context, "exchange with damaged messages");
    }

    /**
     * Random messages, and the device's own messages truncated or damaged, never end in an unchecked exception; an
     * exception is {@link DeviceErrorCode#CORRUPT_INPUT} (unframeable input, the manager reconnects).
     */
    public void checkFuzzedInputNeverThrowsUnchecked(Fuzz fuzz) throws DeviceException {
        List<byte[]> messages = messagesOf(subject.live());
        for (int round = 0; round < FUZZ_ROUNDS; round++) {
            List<byte[]> fuzzed = new ArrayList<>();
            for (byte[] message : messages) {
                fuzzed.add(
                        switch (fuzz.random().nextInt(4)) {
                            case 0 -> fuzz.randomBytes(1 + fuzz.random().nextInt(Math.max(1, message.length * 2)));
                            case 1 -> fuzz.truncated(message);
                            case 2 -> fuzz.damaged(message, 1 + fuzz.random().nextInt(4));
                            default -> message;
                        });
            }
            runFuzzed(ScriptedDevice.sending(fuzzed), "round " + round, fuzz);
        }
    }

    /** A session whose sends fail reports {@link DeviceErrorCode#IO_ERROR}, never an unchecked exception. */
    public void checkSendFailureIsIoError() throws DeviceException {
        RecordingDeviceContext context = new RecordingDeviceContext(device, type.streams(device), new byte[0]);
        context.failSends(true);
        try {
            exchange(subject.live()).runOn(context, Cuts.WHOLE, new Random(0));
        } catch (DeviceException e) {
            assertEquals(DeviceErrorCode.IO_ERROR, e.code(), "a failed send must be reported as IO_ERROR");
        } catch (RuntimeException e) {
            throw new AssertionError("a failed send threw an unchecked exception", e);
        }
    }

    /** Opens and closes a session without a transport, then closes it again: close must be idempotent. */
    public void checkCloseIsIdempotent() throws DeviceException {
        ProtocolSession session =
                type.openSession(new RecordingDeviceContext(device, type.streams(device), new byte[0]));
        LiveExchange.closeChecked(session);
        LiveExchange.closeChecked(session);
        ProtocolSession used = type.openSession(new RecordingDeviceContext(device, type.streams(device), new byte[0]));
        used.connected();
        LiveExchange.closeChecked(used);
        LiveExchange.closeChecked(used);
    }

    /** Runs a clean exchange (session closed at its end), for thread-leak checks. */
    public void runOnce() throws DeviceException {
        runClean(exchange(subject.live()), Cuts.RANDOM, new Random(0), new byte[0]);
    }

    /** Runs a clean exchange, failing the test when the session throws. */
    private static RecordingDeviceContext runClean(LiveExchange exchange, Cuts cuts, Random random, byte[] state) {
        try {
            return exchange.run(cuts, random, state);
        } catch (DeviceException e) {
            throw new AssertionError("a clean exchange failed [cuts=" + cuts + ", code=" + e.code() + "]", e);
        }
    }

    private void runFuzzed(ScriptedDevice device, String what, Fuzz fuzz) {
        try {
            RecordingDeviceContext context = exchange(device).run(Cuts.RANDOM, fuzz.random(), new byte[0]);
            assertTrue(
                    context.recordingSink().refusedKeys().isEmpty(),
                    "fuzzed input appended to undeclared streams" + " [" + what + ", keys="
                            + context.recordingSink().refusedKeys() + "]" + fuzz.tag());
        } catch (DeviceException e) {
            assertEquals(
                    DeviceErrorCode.CORRUPT_INPUT,
                    e.code(),
                    "fuzzed input must fail with CORRUPT_INPUT if at" + " all [" + what + "]" + fuzz.tag());
        } catch (RuntimeException e) {
            throw new AssertionError("fuzzed input threw an unchecked exception [" + what + "]" + fuzz.tag(), e);
        }
    }

    private void checkDelivered(RecordingDeviceContext context, String what) {
        for (List<StreamSpec> declared : context.declarations()) {
            DescriptionContract.checkStreamList(declared, "declareStreams of the " + what);
        }
        assertTrue(
                context.recordingSink().refusedKeys().isEmpty(),
                "appended to undeclared streams in the " + what + " [keys="
                        + context.recordingSink().refusedKeys() + "]");
        assertTrue(context.recordingSink().storedCount() > 0, "no samples from the " + what);
    }

    /** The device's messages as the session saw them in a clean exchange: what it sent and answered. */
    private List<byte[]> messagesOf(ScriptedDevice scripted) throws DeviceException {
        RecordingDeviceContext context = new RecordingDeviceContext(device, type.streams(device), new byte[0]);
        List<byte[]> messages = new ArrayList<>(scripted.onConnect());
        exchange(scripted).runOn(context, Cuts.WHOLE, new Random(0));
        context.sent().forEach(command -> messages.addAll(scripted.onCommand(command)));
        return messages;
    }

    private long inputSize() throws DeviceException {
        return messagesOf(subject.live()).stream().mapToLong(m -> m.length).sum();
    }

    private LiveExchange exchange(ScriptedDevice scripted) {
        return new LiveExchange(type, device, scripted);
    }
}
