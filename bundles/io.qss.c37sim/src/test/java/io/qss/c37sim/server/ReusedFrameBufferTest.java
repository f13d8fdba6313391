// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameTime;
import io.qss.c37sim.frame.PmuSample;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.SignalModel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stream's data frames written into its reused buffer are byte for byte those of the allocating encoder
 * ({@link FrameEncoder#data} of {@link SignalModel#sample} samples), across a configuration change (STAT bit 10,
 * CFGCNT) and in every data format; and both are the bytes the simulator sent before its frames were written into
 * a reused buffer (the digests were taken from that encoder).
 */
class ReusedFrameBufferTest {
    private static final long FIRST_SOC = 1_790_000_000L;
    private static final int SECONDS = 4;
    private static final int RATE = 60;

    @ParameterizedTest(name = "format {0}, PMUs per PDC {1}")
    @CsvSource({
        "1, 0, 1e3509fa3268f9419b743cff60f23b18d636420ccf1b78d0505e369f16ce2f64",
        "15, 0, ec488f21718b821f7e4fb37f6b9da858717eed07071d55460023836b37171436",
        "0, 0, 6aaaf7737d9e324d4a8c5bec6ea03a4b59c4a4a628866853497f2f23b7f52422",
        "6, 0, e41d9c836c9ee3ebbb634e3b1903a6cfaf567fff709b0985d2e5ebcbe4df289e",
        "9, 3, 4de66f390cd6d92b9eb1cd28a4398550e20d542285ad5e7810d72ea816c558b7",
        "1, 3, 989141b573c8e580cacba01bbdc70724d318c2bd8e4c07cf2a5ab27575a6220d",
    })
    void reusedBufferWritesTheAllocatingEncodersBytes(int formatBits, int pmusPerPdc, String digest) throws Exception {
        SimulatorOptions options = options(DataFormat.ofBits(formatBits), pmusPerPdc);
        StreamConfig config = PmuSimulator.streamConfigs(options).get(0);
        SimulatedStream stream = new SimulatedStream(config, options.seed());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int frames = 0;
        for (long soc = FIRST_SOC; soc < FIRST_SOC + SECONDS; soc++) {
            if (soc == FIRST_SOC + 1) { // as PmuSimulator does on a configuration change: flag for a second
                stream.changeConfig(soc + 1);
                config = config.changed();
            }
            for (int index = 0; index < RATE; index++) {
                int fraction = FrameTime.fraction(index, RATE, config.timeBase());
                int fracsec = FrameTime.fracsec(fraction, 0);
                int stat = soc == FIRST_SOC + 1 ? SimulatedStream.STAT_CONFIG_CHANGE : 0;
                byte[] expected = allocatingEncoder(config, options.seed(), soc, fraction, fracsec, stat);
                ByteBuffer written = stream.dataFrame(soc, fraction, fracsec);
                byte[] actual = new byte[written.remaining()];
                written.get(actual);
                assertArrayEquals(expected, actual, "frame differs [soc=" + soc + ", index=" + index + "]");
                sha.update(expected);
                frames++;
            }
        }
        assertEquals(SECONDS * RATE, frames);
        assertEquals(digest, HexFormat.of().formatHex(sha.digest()), "the frames' bytes changed");
    }

    /** The data frame as the simulator built it with a fresh sample list per frame. */
    private static byte[] allocatingEncoder(
            StreamConfig config, long seed, long soc, int fraction, int fracsec, int stat) {
        List<PmuSample> samples = new ArrayList<>();
        for (var pmu : config.pmus()) {
            PmuSample s = new SignalModel(seed, pmu).sample(soc, fraction, config.timeBase());
            samples.add(new PmuSample(stat, s.magnitude(), s.angle(), s.freq(), s.dfreq(), s.analog(), s.digital()));
        }
        return FrameEncoder.data(config, soc, fracsec, samples);
    }

    private static SimulatorOptions options(DataFormat format, int pmusPerPdc) {
        return new SimulatorOptions(
                pmusPerPdc == 0 ? 1 : pmusPerPdc,
                RATE,
                new InetSocketAddress("127.0.0.1", 0),
                format,
                pmusPerPdc,
                null,
                6,
                3,
                2,
                100,
                2,
                1_000_000,
                50,
                42,
                0);
    }
}
