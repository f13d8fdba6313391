// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTextTest {

    @Test
    void givenPlainLabel_whenCelled_thenAsItIs() {
        assertEquals("L1MAG(cnt)", CsvText.cell("L1MAG(cnt)"));
        assertEquals("", CsvText.cell(""));
    }

    @Test
    void givenLabelsStartingLikeFormulas_whenCelled_thenQuotePrefixed() {
        assertEquals("'=1+1", CsvText.cell("=1+1"));
        assertEquals("'+x", CsvText.cell("+x"));
        assertEquals("'-2", CsvText.cell("-2"));
        assertEquals("'@cmd", CsvText.cell("@cmd"));
        assertEquals("'\tx", CsvText.cell("\tx"));
    }

    @Test
    void givenCommasQuotesAndLineBreaks_whenCelled_thenRfc4180Quoted() {
        assertEquals("\"a,b\"", CsvText.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvText.cell("say \"hi\""));
        assertEquals("\"line\nbreak\"", CsvText.cell("line\nbreak"));
        assertEquals("\"'\r\n\"", CsvText.cell("\r\n"));
    }
}
