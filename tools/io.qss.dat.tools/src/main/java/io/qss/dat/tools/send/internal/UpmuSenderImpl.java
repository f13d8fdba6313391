// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send.internal;

import io.qss.dat.tools.send.SendOutcome;
import io.qss.dat.tools.send.TransferListener;
import io.qss.dat.tools.send.TransferReport;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.transfer.FrameHeader;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@link UpmuSender}: a blocking socket client, confined to the calling thread. */
public final class UpmuSenderImpl implements UpmuSender {
    private final UpmuSenderOptions options;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private long sendId;

    public UpmuSenderImpl(UpmuSenderOptions options) {
        this.options = options;
    }

    @Override
    public boolean sendOnce(String path, byte[] data) throws IOException {
        connectIfNeeded();
        // A fresh id per message, retries included, so a late reply to an earlier attempt never counts as an ack.
        sendId = FrameHeader.nextSendId(sendId);
        try {
            out.write(FrameHeader.encodePreamble(sendId, path, options.serial(), data.length));
            out.write(data);
            out.flush();
            byte[] reply = in.readNBytes(4);
            if (reply.length < 4) {
                throw new EOFException("connection closed before ack [sendId=" + sendId + ", path=" + path + "]");
            }
            return FrameHeader.isAck(reply, sendId);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public SendOutcome send(String path, byte[] data) throws InterruptedException {
        String failure = null;
        long backoff = options.initialBackoff().toMillis();
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            try {
                if (sendOnce(path, data)) {
                    return new SendOutcome(path, data.length, true, attempt, sendId, null);
                }
                failure = "file not acknowledged [path=" + path + ", sendId=" + sendId + ", attempt=" + attempt + "]";
            } catch (IOException e) {
                failure = "file transfer failed [path=" + path + ", to=" + options.host() + ":" + options.port()
                        + ", attempt=" + attempt + ", cause=" + e + "]";
            }
            if (attempt < options.maxAttempts()) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, options.maxBackoff().toMillis());
            }
        }
        return new SendOutcome(path, data.length, false, options.maxAttempts(), sendId, failure);
    }

    @Override
    public TransferReport sendAll(List<Path> roots, TransferListener listener)
            throws IOException, InterruptedException {
        List<DatFileSet.Entry> entries = DatFileSet.list(roots);
        long totalBytes = entries.stream().mapToLong(DatFileSet.Entry::bytes).sum();
        List<SendOutcome> failures = new ArrayList<>();
        int done = 0;
        long bytesDone = 0;
        long ackedBytes = 0;
        for (DatFileSet.Entry entry : entries) {
            byte[] data = Files.readAllBytes(entry.file());
            SendOutcome outcome = send(entry.sentPath(), data);
            if (outcome.isAcked()) {
                ackedBytes += data.length;
            } else {
                failures.add(outcome);
            }
            done++;
            bytesDone += entry.bytes();
            listener.fileDone(outcome, done, entries.size(), bytesDone, totalBytes);
        }
        return new TransferReport(entries.size(), entries.size() - failures.size(), ackedBytes, List.copyOf(failures));
    }

    @Override
    public long lastSendId() {
        return sendId;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a broken socket can fail; the connection is gone either way.
            }
            socket = null;
        }
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        try {
            fresh.connect(new InetSocketAddress(options.host(), options.port()), (int)
                    options.connectTimeout().toMillis());
            fresh.setSoTimeout((int) options.ackTimeout().toMillis());
            fresh.setTcpNoDelay(true);
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
        socket = fresh;
        out = new BufferedOutputStream(fresh.getOutputStream(), 64 * 1024);
        in = fresh.getInputStream();
    }
}
