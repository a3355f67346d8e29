package org.condense.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.condense.evaluate.ResultRecord;
import org.condense.report.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    @Test
    void appendsOneSyncedLinePerRecordAndSkipsDuplicateKeys(@TempDir Path dir) {
        Path file = dir.resolve("store.jsonl");
        ResultStore s = ResultStore.open(file, line -> { });
        s.append(Records.of("random", 10, 0, 30.0));
        s.append(Records.of("random", 10, 1, 31.0));
        s.append(Records.of("random", 10, 1, 31.0)); // same key: not written twice
        List<ResultRecord> back = ResultStore.read(file);
        assertEquals(2, back.size());
        assertEquals(31.0, back.get(1).top1());
        assertTrue(ResultStore.open(file, line -> { }).contains(back.get(0).key()));
    }

    @Test
    void aRunFoundInTwoSourcesCountsOnce(@TempDir Path dir) {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl"); // e.g. a store that copied a record with --reuse
        ResultStore a = ResultStore.open(first, line -> { });
        a.append(Records.of("random", 10, 0, 30.0));
        a.append(Records.of("random", 10, 1, 31.0));
        ResultStore b = ResultStore.open(second, line -> { });
        b.append(Records.of("random", 10, 1, 31.0));
        b.append(Records.of("random", 10, 2, 32.0));
        List<ResultRecord> all = ResultSources.read(List.of(first, second));
        assertEquals(List.of(30.0, 31.0, 32.0), all.stream().map(ResultRecord::top1).toList());
    }

    @Test
    void aTornLastLineIsReportedMovedAsideAndTheRestKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.jsonl");
        ResultStore s = ResultStore.open(file, line -> { });
        s.append(Records.of("random", 10, 0, 30.0));
        s.append(Records.of("random", 10, 1, 31.0));
        byte[] bytes = Files.readAllBytes(file);
        byte[] torn = java.util.Arrays.copyOf(bytes, bytes.length - 40); // crash in the middle of the second append
        Files.write(file, torn);

        UserException e = assertThrows(UserException.class, () -> ResultStore.read(file));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());

        List<String> log = new ArrayList<>();
        ResultStore reopened = ResultStore.open(file, log::add);
        assertEquals(1, reopened.records().size());
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("moved it to") && log.get(0).contains("redone"), log.get(0));
        Path aside = dir.resolve("store.jsonl.torn-1");
        assertTrue(Files.isRegularFile(aside));
        String whole = new String(bytes, StandardCharsets.UTF_8);
        int secondLine = whole.indexOf('\n') + 1;
        assertEquals(whole.substring(secondLine, whole.length() - 40), Files.readString(aside));
        // appending after the repair gives a valid store again
        reopened.append(Records.of("random", 10, 1, 31.0));
        assertEquals(2, ResultStore.read(file).size());
    }

    @Test
    void aBrokenLineInTheMiddleIsAnErrorNotSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("store.jsonl");
        ResultStore s = ResultStore.open(file, line -> { });
        s.append(Records.of("random", 10, 0, 30.0));
        String good = Files.readString(file);
        Files.writeString(file, good + "{\"key\": \"x\", broken\n" + good);
        UserException e = assertThrows(UserException.class, () -> ResultStore.open(file, line -> { }));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
