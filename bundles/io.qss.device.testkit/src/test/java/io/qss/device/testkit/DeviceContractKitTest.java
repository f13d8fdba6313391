// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.testkit.ToyMeterType.Defect;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The kit can fail: each planted defect of the toy meter fails the check that guards against it. */
class DeviceContractKitTest {

    private static final long SEED = 20_261_206L;

    @TempDir
    Path dir;

    @Test
    void givenDuplicateStreamKeys_whenChecked_thenStreamsFail() {
        assertFails(() -> description(live(Defect.DUPLICATE_KEYS)).checkStreams(), "stream key twice");
    }

    @Test
    void givenStreamsChangingBetweenCalls_whenChecked_thenStreamsFail() {
        assertFails(() -> description(live(Defect.UNSTABLE_STREAMS)).checkStreams(), "streams change");
    }

    @Test
    void givenOneIdForEveryDevice_whenChecked_thenDeviceIdsFail() {
        assertFails(() -> description(live(Defect.SAME_ID)).checkDeviceIds(), "share a device id");
    }

    @Test
    void givenRequiredPropertyWithDefault_whenChecked_thenSchemaFails() {
        assertFails(
                () -> description(live(Defect.REQUIRED_WITH_DEFAULT)).checkPropertySchema(),
                "required property with a default");
    }

    @Test
    void givenSampleWithoutRequiredProperty_whenChecked_thenSchemaFitFails() {
        ContractSubject subject = new ContractSubject(
                new ToyMeterType(true), List.of(new SampleDevice("m", Map.of("port", "1"))), List.of(), meter(), null);
        assertFails(() -> new DescriptionContract(subject).checkSampleDevicesFitSchema(), "lacks a required");
    }

    @Test
    void givenLiveTypeTestedWithoutScript_whenChecked_thenInputKindFails() {
        ContractSubject subject = new ContractSubject(
                new ToyMeterType(true), ToyMeterScripts.devices(), List.of(Path.of("x")), null, null);
        assertFails(() -> new DescriptionContract(subject).checkInputKindMatchesSamples(), "names an endpoint");
    }

    @Test
    void givenParserThrowingUnchecked_whenFedCorruptFiles_thenCorruptInputCheckFails() throws Exception {
        assertFails(() -> files(Defect.UNCHECKED_PARSE).checkCorruptInputRefused(new Fuzz(SEED)), "unchecked");
    }

    @Test
    void givenIoErrorForEmptyFile_whenFedCorruptFiles_thenCorruptInputCheckFails() throws Exception {
        assertFails(() -> files(Defect.IO_ERROR_ON_EMPTY).checkCorruptInputRefused(new Fuzz(SEED)), "CORRUPT_INPUT");
    }

    @Test
    void givenIngestDependingOnHistory_whenReIngested_thenIdempotenceFails() throws Exception {
        assertFails(() -> files(Defect.NOT_IDEMPOTENT).checkReIngestIsIdempotent(), "same file, other samples");
    }

    @Test
    void givenAppendToUndeclaredStream_whenIngested_thenFails() throws Exception {
        assertFails(() -> files(Defect.UNDECLARED_STREAM).checkReIngestIsIdempotent(), "UNKNOWN_STREAM");
    }

    @Test
    void givenSessionTakingEachCallAsWholeLines_whenBytesCut_thenCutsCheckFails() {
        assertFails(
                () -> liveContract(Defect.WHOLE_CALLS_ONLY).checkDecodingIgnoresCutsAndResumesFromState(new Fuzz(SEED)),
                "cut");
    }

    @Test
    void givenSessionThrowingOnBadLine_whenDamagedLinesArrive_thenDamageCheckFails() {
        assertFails(() -> liveContract(Defect.THROWS_ON_BAD_LINE).checkDamagedMessagesCounted(), "counted, not thrown");
    }

    @Test
    void givenSilentSession_whenDataArrives_thenStatusCheckFails() {
        assertFails(() -> liveContract(Defect.SILENT).checkSessionReportsAndDelivers(), "no RECEIVING");
    }

    @Test
    void givenSessionAppendingToUndeclaredStream_whenDataArrives_thenDeliveryCheckFails() {
        assertFails(() -> liveContract(Defect.UNDECLARED_STREAM).checkSessionReportsAndDelivers(), "UNKNOWN_STREAM");
    }

    @Test
    void givenUncheckedExceptionOnSendFailure_whenSendsFail_thenSendCheckFails() {
        assertFails(() -> liveContract(Defect.UNCHECKED_ON_SEND_FAILURE).checkSendFailureIsIoError(), "unchecked");
    }

    @Test
    void givenCloseFailingTheSecondTime_whenClosedTwice_thenCloseCheckFails() {
        assertFails(() -> liveContract(Defect.CLOSE_TWICE_FAILS).checkCloseIsIdempotent(), "close() threw");
    }

    @Test
    void givenSessionForgettingItsState_whenResumedOnAStreamingDevice_thenResumeCheckFails() {
        ContractSubject subject = new ContractSubject(
                new ToyMeterType(true, Defect.FORGETS_STATE),
                ToyMeterScripts.devices(),
                List.of(),
                meter(),
                null,
                ScriptedDevice.sending(ToyMeterScripts.lines(30)));
        assertFails(() -> new LiveContract(subject).checkResumedSessionDecodesAtOnce(), "decodes nothing");
    }

    @Test
    void givenSessionLeavingAThread_whenClosed_thenThreadLeakFound() throws Exception {
        ThreadLeaks threads = ThreadLeaks.snapshot();
        liveContract(Defect.LEAKS_THREAD).runOnce();
        assertEquals(List.of("toymeter-poller"), threads.leftRunning());
    }

    @Test
    void givenSoundSession_whenClosed_thenNoThreadLeft() throws Exception {
        ThreadLeaks threads = ThreadLeaks.snapshot();
        liveContract().runOnce();
        assertTrue(threads.leftRunning().isEmpty());
    }

    @Test
    void givenUdpType_whenEachLineIsADatagram_thenLiveChecksPassAndEveryLineCounts() throws Exception {
        ContractSubject subject = new ContractSubject(
                ToyMeterType.overUdp(),
                ToyMeterScripts.devices(),
                List.of(),
                meter(),
                ToyMeterScripts.meter(ToyMeterScripts.linesWithDamage()));
        LiveContract contract = new LiveContract(subject);

        contract.checkSessionReportsAndDelivers();
        contract.checkDecodingIgnoresCutsAndResumesFromState(new Fuzz(SEED));
        contract.checkDamagedMessagesCounted();
        contract.checkFuzzedInputNeverThrowsUnchecked(new Fuzz(SEED));
        RecordingDeviceContext context = new LiveExchange(
                        subject.type(), subject.devices().get(0).descriptor(subject.type()), meter())
                .run(LiveExchange.Cuts.SINGLE_BYTES, new Random(SEED), new byte[0]);
        assertEquals(60, context.validFrames(), "a datagram is never cut");
        assertEquals(60, context.recordingSink().samples().get("V").size());
    }

    @Test
    void givenSameSeed_whenFuzzed_thenSameInputs() {
        byte[] input = new Fuzz(1).randomBytes(64);
        assertArrayEquals(new Fuzz(7).randomBytes(16), new Fuzz(7).randomBytes(16));
        assertFalse(Arrays.equals(new Fuzz(7).randomBytes(16), new Fuzz(8).randomBytes(16)));
        assertArrayEquals(new Fuzz(7).damaged(input, 3), new Fuzz(7).damaged(input, 3));
        byte[] truncated = new Fuzz(7).truncated(input);
        assertTrue(truncated.length >= 1 && truncated.length < input.length);
        assertArrayEquals(Arrays.copyOf(input, truncated.length), truncated);
    }

    /** Runs {@code check}, expecting an AssertionError whose message or cause chain mentions {@code expected}. */
    private static void assertFails(Executable check, String expected) {
        AssertionError error = assertThrows(AssertionError.class, check);
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append(" / ");
        }
        assertTrue(text.toString().contains(expected), "expected [" + expected + "] in: " + text);
    }

    private static ContractSubject live(Defect... defects) {
        return new ContractSubject(
                new ToyMeterType(true, defects),
                ToyMeterScripts.devices(),
                List.of(),
                meter(),
                ToyMeterScripts.meter(ToyMeterScripts.linesWithDamage()));
    }

    private static ScriptedDevice meter() {
        return ToyMeterScripts.meter(ToyMeterScripts.lines(60));
    }

    private static DescriptionContract description(ContractSubject subject) {
        return new DescriptionContract(subject);
    }

    private static LiveContract liveContract(Defect... defects) {
        return new LiveContract(live(defects));
    }

    private FileContract files(Defect... defects) throws Exception {
        Path file = ToyMeterScripts.file(dir, "a.csv", ToyMeterScripts.lines(50));
        ContractSubject subject = new ContractSubject(
                new ToyMeterType(false, defects), ToyMeterScripts.devices(), List.of(file), null, null);
        return new FileContract(subject, dir);
    }
}
