// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.receiver.ReceiverStatus;
import io.qss.receiver.SenderStats;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.sync.SyncService;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code upmu:lastreceived}: when each sender's last file arrived, with counters, the device path of its last file
 * (stored or refused) and why the last one was refused (the manual's lastreceived); below, devices whose received
 * files wait because their device type is not installed.
 */
@Service
@Command(scope = "upmu", name = "lastreceived", description = "Shows when each uPMU last sent a file")
public class LastReceivedCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference(optional = true)
    ReceiverStatus receiver;

    @Reference(optional = true)
    SyncService sync;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        Services.require(receiver, "ReceiverStatus (qss-receiver)");
        Table t = new Table("ALIAS", "SERIAL", "LAST RECEIVED", "FILES", "BYTES", "REFUSED", "LAST FILE", "LAST ERROR");
        List<SenderStats> senders = receiver.senders();
        for (SenderStats s : senders) {
            String alias =
                    registry.bySerial(s.serial()).map(RegisteredDevice::alias).orElse("UNKNOWN");
            t.row(
                    alias,
                    s.serial(),
                    Formats.time(s.lastReceived()),
                    s.files(),
                    Formats.bytes(s.bytes()),
                    s.rejected(),
                    s.lastPath().isEmpty() ? "-" : s.lastPath(),
                    s.lastError().isEmpty() ? "-" : s.lastError());
        }
        for (RegisteredDevice d : registry.devices()) {
            if (senders.stream().noneMatch(s -> s.serial().equals(d.serial()))) {
                t.row(d.alias(), d.serial(), "never", 0, "0 B", 0, "-", "-");
            }
        }
        System.out.print(t.render());
        if (sync != null) {
            sync.status().forEach(s -> System.out.print(ListCommand.pausedLine(s)));
        }
        return null;
    }
}
