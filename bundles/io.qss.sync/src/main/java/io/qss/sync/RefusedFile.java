// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

/**
 * A {@code .dat} file an import left where it was, because its device could not be told for sure.
 *
 * @param path the file, relative to the imported folder; never null
 * @param namedSerial the serial its path names ({@code A|B} when it names several), or empty when none; never null
 * @param askedSerial the serial given to the import, or empty when none; never null
 * @param reason why, {@code what failed [key=value]}; never null
 */
public record RefusedFile(String path, String namedSerial, String askedSerial, String reason) {}
