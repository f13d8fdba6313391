// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qss.device.DeviceType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device contract as JUnit 5 tests: a device bundle's test class extends this, returns its type and sample
 * inputs, and inherits one test per promise. Tests that need inputs the subclass does not give (files, a scripted
 * device, a damaged one, a property schema) are skipped and show as such. Fuzzing tests print their seed; rerun
 * with {@code -Dqss.testkit.seed=N} to replay one.
 */
public abstract class DeviceTypeContractTest {

    /** A fresh folder per test, e.g. for {@link #files()} written by the test; the kit writes damaged copies here. */
    @TempDir
    protected Path workDir;

    /** The type under test, created as its bundle would create it. */
    protected abstract DeviceType type();

    /** Devices as an operator would add them; at least one, two to check that distinct devices get distinct ids. */
    protected abstract List<SampleDevice> devices();

    /** Valid input files of the first device, for types that read files. */
    protected List<Path> files() {
        return List.of();
    }

    /** A well-behaved device the first device's session talks to, for live types; null for file-only types. */
    protected ScriptedDevice liveDevice() {
        return null;
    }

    /**
     * The live device with at least one message damaged so that the protocol can tell (e.g. a bad checksum) among
     * good ones; null when the protocol cannot tell.
     */
    protected ScriptedDevice faultyLiveDevice() {
        return null;
    }

    /**
     * The live device as a session finds it that takes over an open connection after an update of the type's bundle:
     * already streaming, without the start of the exchange (e.g. data frames, no configuration frame); null when the
     * type keeps no state between sessions.
     */
    protected ScriptedDevice resumedLiveDevice() {
        return null;
    }

    /** What the checks examine; built from the methods above. */
    protected ContractSubject subject() {
        return new ContractSubject(type(), devices(), files(), liveDevice(), faultyLiveDevice(), resumedLiveDevice());
    }

    @Test
    void typeIdIsAStablePathSegment() {
        new DescriptionContract(subject()).checkTypeId();
    }

    @Test
    void streamsAreUniqueCleanAndStable() {
        new DescriptionContract(subject()).checkStreams();
    }

    @Test
    void propertySchemaIsConsistent() {
        new DescriptionContract(subject()).checkPropertySchema();
    }

    @Test
    void sampleDevicesFitThePropertySchema() {
        ContractSubject subject = subject();
        assumeFalse(subject.type().properties().isEmpty(), "the type declares no property schema");
        new DescriptionContract(subject).checkSampleDevicesFitSchema();
    }

    @Test
    void deviceIdsAreStableAndDistinct() {
        new DescriptionContract(subject()).checkDeviceIds();
    }

    @Test
    void typeIsLiveExactlyWhenItNamesAnEndpoint() {
        new DescriptionContract(subject()).checkInputKindMatchesSamples();
    }

    @Test
    void reIngestOfAFileDeliversTheSameSamples() throws Exception {
        fileContract().checkReIngestIsIdempotent();
    }

    @Test
    void corruptFilesFailWithCorruptInput() throws Exception {
        fileContract().checkCorruptInputRefused(Fuzz.fromPropertyOrClock("corrupt files"));
    }

    @Test
    void liveSessionReportsStatusCountsFramesAndDelivers() throws Exception {
        liveContract().checkSessionReportsAndDelivers();
    }

    @Test
    void liveDecodingIgnoresCutsAndResumesFromSavedState() throws Exception {
        liveContract().checkDecodingIgnoresCutsAndResumesFromState(Fuzz.fromPropertyOrClock("cuts"));
    }

    @Test
    void damagedLiveMessagesAreCountedNotThrown() throws Exception {
        assumeTrue(faultyLiveDevice() != null, "no faulty scripted device");
        liveContract().checkDamagedMessagesCounted();
    }

    @Test
    void resumedSessionDecodesAtOnceFromSavedState() throws Exception {
        assumeTrue(resumedLiveDevice() != null, "no resumed scripted device");
        liveContract().checkResumedSessionDecodesAtOnce();
    }

    @Test
    void fuzzedLiveInputNeverThrowsUnchecked() throws Exception {
        liveContract().checkFuzzedInputNeverThrowsUnchecked(Fuzz.fromPropertyOrClock("live input"));
    }

    @Test
    void failedSendIsAnIoError() throws Exception {
        liveContract().checkSendFailureIsIoError();
    }

    @Test
    void closeIsIdempotent() throws Exception {
        liveContract().checkCloseIsIdempotent();
    }

    @Test
    void noThreadIsLeftBehind() throws Exception {
        ContractSubject subject = subject();
        ThreadLeaks threads = ThreadLeaks.snapshot();
        if (subject.isLive()) {
            new LiveContract(subject).runOnce();
        }
        if (subject.hasFiles()) {
            new FileContract(subject, workDir).checkReIngestIsIdempotent();
        }
        assertEquals(
                List.of(),
                threads.leftRunning(),
                "threads left running after the session closed or the" + " ingest returned");
    }

    /** The file checks; the test is skipped when the subclass gives no files. */
    private FileContract fileContract() {
        ContractSubject subject = subject();
        assumeTrue(subject.hasFiles(), "no sample files");
        return new FileContract(subject, workDir);
    }

    /** The live checks; the test is skipped when the subclass gives no scripted device. */
    private LiveContract liveContract() {
        ContractSubject subject = subject();
        assumeTrue(subject.isLive(), "no scripted device");
        return new LiveContract(subject);
    }
}
