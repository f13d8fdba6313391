// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import io.qss.dat.internal.codec.DatDecoderImpl;
import io.qss.dat.internal.codec.DatEncoderImpl;

/**
 * Where decoders and encoders come from: the API interfaces stay free of their implementation, so the implementation
 * can change without touching them. Each call returns a new, independent instance. Stateless.
 */
public final class DatCodecs {

    private DatCodecs() {}

    /** A decoder with the default header window (years 2000-2100). */
    public static DatDecoder decoder() {
        return decoder(DatDecodeOptions.DEFAULTS);
    }

    /** A decoder with the given header window. */
    public static DatDecoder decoder(DatDecodeOptions options) {
        return new DatDecoderImpl(options);
    }

    /** An encoder. */
    public static DatEncoder encoder() {
        return new DatEncoderImpl();
    }
}
