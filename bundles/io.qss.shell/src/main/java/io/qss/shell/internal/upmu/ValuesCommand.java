// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.StreamEntry;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code upmu:values alias STREAM start end}: raw points of one stream, one {@code time_ns value} line each; with
 * {@code --digest} only their count and a SHA-256 over each point's time and value bits (big-endian longs).
 */
@Service
@Command(scope = "upmu", name = "values", description = "Prints raw points of a uPMU stream in [start, end)")
public class ValuesCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference(optional = true)
    TimeSeriesStore store;

    @Argument(index = 0, name = "alias", required = true, description = "uPMU alias, serial or IP")
    String key;

    @Argument(index = 1, name = "stream", required = true, description = "stream name, e.g. L1MAG")
    String stream;

    @Argument(index = 2, name = "start", required = true, description = "epoch ns or ISO instant (inclusive)")
    String start;

    @Argument(index = 3, name = "end", required = true, description = "epoch ns or ISO instant (exclusive)")
    String end;

    @Option(name = "--digest", description = "print only the point count and a SHA-256 of the points")
    boolean isDigest;

    @Option(name = "--out", description = "write the points to this file on the server instead of printing them")
    String outFile;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        Services.require(store, "TimeSeriesStore (qss-store)");
        RegisteredDevice d = registry.devices().stream()
                .filter(x -> x.isNamedBy(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saved uPMU [key=" + key + "]"));
        UUID uuid = registry.streams(d).stream()
                .filter(s -> s.name().equals(stream))
                .map(StreamEntry::uuid)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no such stream [alias=" + d.alias() + ", stream=" + stream + "]"));
        StringBuilder out = new StringBuilder();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer point = ByteBuffer.allocate(16);
        long[] count = new long[1];
        store.rawValues(uuid, Formats.parseTime(start), Formats.parseTime(end), Version.LATEST, (t, v, from, to) -> {
            for (int i = from; i < to; i++) {
                if (isDigest) {
                    sha.update(point.clear()
                            .putLong(t[i])
                            .putLong(Double.doubleToLongBits(v[i]))
                            .array());
                } else {
                    out.append(t[i]).append(' ').append(v[i]).append('\n');
                }
            }
            count[0] += to - from;
            return true;
        });
        if (isDigest) {
            out.append("points=")
                    .append(count[0])
                    .append(" sha256=")
                    .append(HexFormat.of().formatHex(sha.digest()))
                    .append('\n');
        }
        if (outFile != null) {
            Files.writeString(Path.of(outFile), out);
            System.out.println("wrote " + count[0] + " points to " + outFile);
        } else {
            System.out.print(out);
            System.out.flush();
        }
        return null;
    }
}
