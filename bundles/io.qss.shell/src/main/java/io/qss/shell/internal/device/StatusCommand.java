// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.devicemanager.DeviceMonitor;
import io.qss.devicemanager.LiveDeviceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code device:status [ALIAS]}: every live device (or one) as the device manager sees it: status, frames per
 * second, valid and invalid frames, reconnects, how long ago the last frame came, and the detail (the last error
 * with its reason, or why the device is paused).
 */
@Service
@Command(
        scope = "device",
        name = "status",
        description =
                "Shows every live device: status, frames/s, frame and " + "reconnect counts, last frame, last error")
public class StatusCommand implements Action {

    @Reference(optional = true)
    DeviceMonitor monitor;

    @Argument(index = 0, name = "alias", required = false, description = "Show only this device")
    String alias;

    @Override
    public Object execute() throws Exception {
        if (monitor == null) {
            throw new IllegalStateException("service not available: DeviceMonitor (qss-devicemanager) (is its "
                    + "feature installed and started? see qss:status and scr:list)");
        }
        List<LiveDeviceState> states;
        if (alias == null) {
            states = monitor.states();
        } else {
            states = monitor.state(alias)
                    .map(List::of)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no live device named " + alias + " (device:list shows every device; uPMUs: upmu:list)"));
        }
        System.out.print(render(states, Instant.now()));
        return null;
    }

    /** The table: one line per device, then a line of totals. */
    static String render(List<LiveDeviceState> states, Instant now) {
        if (states.isEmpty()) {
            return "no live devices (devices of connection-based types appear here once saved)\n";
        }
        int aliasWidth = Math.max(
                5, states.stream().mapToInt(s -> s.alias().length()).max().orElse(0));
        int typeWidth = Math.max(
                4, states.stream().mapToInt(s -> s.type().length()).max().orElse(0));
        String format = "%-" + aliasWidth + "s  %-" + typeWidth + "s  %-9s  %8s  %10s  %8s  %10s  %-10s  %s";
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                                Locale.ROOT,
                                format,
                                "ALIAS",
                                "TYPE",
                                "STATUS",
                                "FRAMES/S",
                                "VALID",
                                "INVALID",
                                "RECONNECTS",
                                "LAST FRAME",
                                "DETAIL")
                        .stripTrailing())
                .append('\n');
        double totalRate = 0;
        for (LiveDeviceState s : states) {
            totalRate += s.framesPerSecond();
            out.append(String.format(
                                    Locale.ROOT,
                                    format,
                                    s.alias(),
                                    s.type(),
                                    s.status(),
                                    String.format(Locale.ROOT, "%.1f", s.framesPerSecond()),
                                    s.validFrames(),
                                    s.invalidFrames(),
                                    s.reconnects(),
                                    age(s.lastFrame(), now),
                                    s.detail().isEmpty() ? "-" : s.detail())
                            .stripTrailing())
                    .append('\n');
        }
        out.append(String.format(Locale.ROOT, "%d device(s), %.1f frames/s%n", states.size(), totalRate));
        return out.toString();
    }

    /** How long ago {@code time} was: {@code 0.4 s ago}, {@code 3 min ago}, {@code 2 h ago}; {@code never}. */
    static String age(Instant time, Instant now) {
        if (time == null) {
            return "never";
        }
        Duration ago = Duration.between(time, now);
        if (ago.isNegative()) {
            ago = Duration.ZERO;
        }
        if (ago.toSeconds() < 60) {
            return String.format(Locale.ROOT, "%.1f s ago", ago.toMillis() / 1000.0);
        }
        if (ago.toMinutes() < 60) {
            return ago.toMinutes() + " min ago";
        }
        if (ago.toHours() < 48) {
            return ago.toHours() + " h ago";
        }
        return ago.toDays() + " d ago";
    }
}
