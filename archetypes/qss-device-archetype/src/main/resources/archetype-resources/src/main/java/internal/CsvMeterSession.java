package ${package}.internal;

import io.qss.device.DeviceContext;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceStatus;
import io.qss.device.ProtocolSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One meter's session: decodes the whole lines of each call, leaves a partial line for the next, counts lines that
 * do not read as {@code epoch_ns,volts} as invalid frames. The device manager calls it from one thread at a time.
 */
final class CsvMeterSession implements ProtocolSession {

    /** A longer partial line means the peer is no meter: the manager reconnects. */
    static final int MAX_LINE_BYTES = 1024;

    private final DeviceContext context;
    private boolean isReceiving;

    CsvMeterSession(DeviceContext context) {
        this.context = context;
    }

    @Override
    public void connected() {
        isReceiving = false;
        context.updateStatus(DeviceStatus.CONNECTED, "waiting for the first line");
    }

    @Override
    public void received(ByteBuffer in) throws DeviceException {
        long[] times = new long[16];
        double[] values = new double[16];
        int count = 0;
        long invalid = 0;
        int lineStart = in.position();
        while (in.hasRemaining()) {
            if (in.get() != '\n') {
                continue;
            }
            String line = ascii(in, lineStart, in.position() - 1).strip();
            lineStart = in.position();
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            if (decode(line, times, values, count)) {
                count++;
            } else {
                invalid++;
            }
        }
        in.position(lineStart);
        if (in.remaining() > MAX_LINE_BYTES) {
            throw new DeviceException(DeviceErrorCode.CORRUPT_INPUT, "meter line too long [device="
                    + context.device().alias() + ", bytes=" + in.remaining() + "]");
        }
        if (count > 0) {
            context.sink().append(CsvMeterDeviceType.VOLTS.key(), times, values, 0, count);
            reportReceiving();
        }
        context.countFrames(count, invalid);
    }

    @Override
    public void disconnected(String reason) {
        isReceiving = false;
    }

    @Override
    public void close() {
        isReceiving = false;
    }

    /** Reads {@code epoch_ns,volts} into slot {@code index}; false when the line is not one. */
    private static boolean decode(String line, long[] times, double[] values, int index) {
        int comma = line.indexOf(',');
        if (comma < 0) {
            return false;
        }
        try {
            times[index] = Long.parseLong(line.substring(0, comma));
            values[index] = Double.parseDouble(line.substring(comma + 1));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void reportReceiving() {
        if (!isReceiving) {
            isReceiving = true;
            context.updateStatus(DeviceStatus.RECEIVING, "");
        }
    }

    private static String ascii(ByteBuffer in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
