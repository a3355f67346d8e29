package org.condense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Analysis tables show numbers as the analysis rounded them, without padding or exponents. */
class AnalysisCellTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String cell(String json) throws Exception {
        JsonNode row = JSON.readTree(json);
        return ReportBuilder.analysisCell(row.get(0));
    }

    @Test
    void numbersKeepTheirOwnDigits() throws Exception {
        assertEquals("89.25", cell("[89.25]"));
        assertEquals("100", cell("[100.0]"));
        assertEquals("0.0004", cell("[4.0E-4]"));
        assertEquals("-0.1234", cell("[-0.1234]"));
        assertEquals("0", cell("[0.0]"));
        assertEquals("0", cell("[-0.0]"));
        assertEquals("400", cell("[400]"));
        assertEquals("cifar10 (test)", cell("[\"cifar10 (test)\"]"));
    }
}
