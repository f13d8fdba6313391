// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The uPMU serials a {@code .dat} file's path names. A {@code .dat} file carries no serial in its content (records
 * hold time, samples, PLL and GPS debug only), so its path is all that tells its device: the file name
 * ({@code <serial>_<anything>.dat}, e.g. {@code P3001236_0.dat}, {@code P3001035_2016-09-19T14:00:00.dat},
 * {@code P3500000_20260101_000000.dat}) and any folder named exactly after a serial ({@code .../P3001035/upmu_data/
 * 2016/09/19/14/...}). A name names a serial when it has the uPMU form ({@code P} and seven digits) or equals a
 * registered serial; both compare without case and come out spelled as registered (else upper case). Immutable.
 *
 * @param path the path as given; never null
 * @param named the distinct serials the path names, nearest first (file name, then folders upwards); never null
 */
public record DatFileSerials(String path, List<String> named) {

    private static final Pattern UPMU_SERIAL = Pattern.compile("[Pp][0-9]{7}");

    public DatFileSerials {
        named = List.copyOf(named);
    }

    /**
     * What {@code path} names ('/' or '\' separated, absolute or relative).
     *
     * @param registeredSerials serials of registered devices, so that serials of another form are recognised too
     */
    public static DatFileSerials of(String path, Collection<String> registeredSerials) {
        Map<String, String> registered = registeredSerials.stream()
                .collect(Collectors.toMap(s -> s.toLowerCase(Locale.ROOT), s -> s, (a, b) -> a));
        Function<String, Optional<String>> serialOf = name -> serialNamed(name, registered);
        String[] segments = path.replace('\\', '/').split("/");
        List<String> named = new ArrayList<>();
        String fileName = segments[segments.length - 1];
        serialOf.apply(fileNameToken(fileName)).ifPresent(named::add);
        for (int i = segments.length - 2; i >= 0; i--) {
            serialOf.apply(segments[i]).filter(s -> !named.contains(s)).ifPresent(named::add);
        }
        return new DatFileSerials(path, named);
    }

    /** The one serial the path names; empty when it names none or several ({@link #isConflicting()}). */
    public Optional<String> serial() {
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** True when the path names two or more different serials (e.g. file name and folder disagree). */
    public boolean isConflicting() {
        return named.size() > 1;
    }

    /** The part of a file name before its first '_', or before {@code .dat} when there is none. */
    private static String fileNameToken(String fileName) {
        int underscore = fileName.indexOf('_');
        if (underscore > 0) {
            return fileName.substring(0, underscore);
        }
        return fileName.toLowerCase(Locale.ROOT).endsWith(".dat")
                ? fileName.substring(0, fileName.length() - 4)
                : fileName;
    }

    private static Optional<String> serialNamed(String name, Map<String, String> registered) {
        String known = registered.get(name.toLowerCase(Locale.ROOT));
        if (known != null) {
            return Optional.of(known);
        }
        return UPMU_SERIAL.matcher(name).matches() ? Optional.of(name.toUpperCase(Locale.ROOT)) : Optional.empty();
    }
}
