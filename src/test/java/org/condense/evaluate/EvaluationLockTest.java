package org.condense.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.cli.Main;
import org.condense.data.DataOptions;
import org.condense.io.FileClaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one --out: the run another one holds is skipped with a log line, never trained twice. */
class EvaluationLockTest {

    @Test
    void aRunClaimedElsewhereIsSkipped(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(err, true), "compress", "--dataset", "fashion-mnist", "--method",
                "random", "--ipc", "1", "--seed", "0", "--out", data.toString()), err.toString());
        Path out = dir.resolve("results");
        EvaluationRunner.Request request = new EvaluationRunner.Request(data.toString(),
                Protocols.load("standard-hard", Map.of("epochs", "1", "eval_batch_size", "1000")), "convnet", null,
                List.of(0L), null, out, DataOptions.defaults());
        List<String> log = new ArrayList<>();
        EvaluationRunner runner = new EvaluationRunner(log::add);
        String key = runner.plan(request).key(0);
        Path lock = out.resolve(EvaluationRunner.CHECKPOINT_FOLDER).resolve(key + ".lock");
        try (FileClaim other = FileClaim.take(lock)) {
            List<ResultRecord> records = runner.run(request);
            assertEquals(List.of(), records, "the claimed run is not trained here");
        }
        assertTrue(log.contains("seed 0: another process is on it (" + lock + "); skipped, rerun later to collect its record"),
                String.join("\n", log));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".json")).count(), "no record written");
        }
        try (Stream<Path> files = Files.list(out.resolve(EvaluationRunner.CHECKPOINT_FOLDER))) {
            assertEquals(List.of(lock), files.toList(), "no checkpoint started beside the other process's claim");
        }
    }
}
