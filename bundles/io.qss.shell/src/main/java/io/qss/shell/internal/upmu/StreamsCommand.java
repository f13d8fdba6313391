// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.StreamEntry;
import io.qss.store.api.RawPoint;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:streams [alias]}: each stream's path, UUID, unit and latest point time (and count with -c). */
@Service
@Command(scope = "upmu", name = "streams", description = "Lists uPMU streams: path, uuid, unit, last time")
public class StreamsCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference(optional = true)
    TimeSeriesStore store;

    @Argument(index = 0, name = "alias", description = "only this uPMU (alias, serial or IP)")
    String key;

    @Option(name = "-c", aliases = "--count", description = "also count the stored points (reads the streams)")
    boolean isCount;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        Services.require(store, "TimeSeriesStore (qss-store)");
        Table t = isCount
                ? new Table("PATH", "UUID", "UNIT", "LAST TIME", "LAST NS", "POINTS")
                : new Table("PATH", "UUID", "UNIT", "LAST TIME", "LAST NS");
        for (RegisteredDevice d : registry.devices()) {
            if (key != null && !d.isNamedBy(key)) {
                continue;
            }
            for (StreamEntry s : registry.streams(d)) {
                boolean isStored = store.stream(s.uuid()).isPresent();
                Optional<RawPoint> last = isStored ? store.latest(s.uuid(), Version.LATEST) : Optional.empty();
                List<Object> row = new ArrayList<>(List.of(
                        s.path(),
                        s.uuid(),
                        s.unit(),
                        last.map(p -> Formats.nanos(p.time())).orElse("no data"),
                        last.map(p -> Long.toString(p.time())).orElse("-")));
                if (isCount) {
                    row.add(
                            isStored
                                    ? store.count(
                                            s.uuid(),
                                            TimeSeriesStore.MIN_TIME,
                                            TimeSeriesStore.MAX_TIME,
                                            Version.LATEST)
                                    : 0);
                }
                t.row(row.toArray());
            }
        }
        System.out.print(t.render());
        return null;
    }
}
