// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

/**
 * Text cells of CSV answers (column labels chosen by users). Numbers never pass through here: every data cell is a
 * number written by {@link GoFormat}, so a negative value stays a number a spreadsheet can add up. Stateless.
 */
public final class CsvText {

    private CsvText() {}

    /**
     * The cell as it goes into the file: a leading {@code = + - @}, tab or CR gets a {@code '} in front, so a
     * spreadsheet shows the text instead of evaluating it as a formula; then, per RFC 4180, a cell holding a comma,
     * a double quote, CR or LF is put in double quotes with its double quotes doubled.
     */
    public static String cell(String text) {
        String safe = startsFormula(text) ? "'" + text : text;
        boolean needsQuotes =
                safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\r') >= 0 || safe.indexOf('\n') >= 0;
        return needsQuotes ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static boolean startsFormula(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }
}
