// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.IngestResult;
import io.qss.device.SampleSink;
import io.qss.device.StreamSpec;
import io.qss.device.upmu.internal.UpmuDeviceType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The uPMU type that, when given latches, holds each ingest after delivering its samples: it counts {@code entered}
 * down and returns only once {@code release} is. So a test can act while a file is in the middle of its ingest.
 */
class GatedDeviceType implements DeviceType {

    private final UpmuDeviceType upmu = new UpmuDeviceType();
    private final CountDownLatch entered;
    private final CountDownLatch release;

    /** Holds ingests; {@code entered} may be null. */
    GatedDeviceType(CountDownLatch entered, CountDownLatch release) {
        this.entered = entered;
        this.release = release;
    }

    /** Never holds. */
    GatedDeviceType() {
        this(null, null);
    }

    @Override
    public String typeId() {
        return upmu.typeId();
    }

    @Override
    public List<StreamSpec> streams(DeviceDescriptor device) {
        return upmu.streams(device);
    }

    @Override
    public IngestResult ingestFile(DeviceDescriptor device, Path file, SampleSink sink) throws DeviceException {
        IngestResult result = upmu.ingestFile(device, file, sink);
        if (entered != null) {
            entered.countDown();
        }
        if (release != null) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }
}
