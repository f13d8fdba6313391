// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the messages of a server-streaming call with flow control: {@link #send} waits while the transport's
 * buffer is full, so a slow client holds the query back instead of filling the heap. Used by one thread.
 *
 * <p>It polls {@code isReady()} rather than waiting for the on-ready callback, because grpc runs that callback on
 * the call's serialised executor, which the querying thread may itself be occupying.
 */
final class Sender<T> {

    private static final int READY_THRESHOLD = 1 << 20;
    private static final long PAUSE_NANOS = 50_000;

    private final ServerCallStreamObserver<T> observer;
    private boolean isCancelled;

    Sender(StreamObserver<T> observer) {
        this.observer = (ServerCallStreamObserver<T>) observer;
        this.observer.setOnReadyThreshold(READY_THRESHOLD);
        this.observer.setOnCancelHandler(() -> {});
    }

    /** Sends one message; false when the client has gone (the caller should stop). */
    boolean send(T message) {
        while (!observer.isReady()) {
            if (observer.isCancelled()) {
                isCancelled = true;
                return false;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        if (observer.isCancelled()) {
            isCancelled = true;
            return false;
        }
        observer.onNext(message);
        return true;
    }

    boolean isCancelled() {
        return isCancelled || observer.isCancelled();
    }

    void complete() {
        if (!isCancelled()) {
            observer.onCompleted();
        }
    }
}
