package org.condense.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.condense.data.DataOptions;
import org.condense.data.Datasets;
import org.condense.data.Split;
import org.condense.distill.DistillFixtures;
import org.condense.io.Hashing;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code condense relabel} killed as a process at random moments (full and top-k labels), then
 * rerun: the folder ends byte-identical to an uninterrupted run's, with no temporary file left.
 */
@Tag("integration")
class RelabelKillIntegrationTest {
    private final SplittableRandom random = new SplittableRandom(17);

    @Test
    void aKilledRelabelResumesToIdenticalFiles(@TempDir Path dir) throws Exception {
        ChildCli cli = new ChildCli(dir.resolve("logs"));
        Path data = dir.resolve("data");
        cli.run("compress", "--dataset", "fashion-mnist", "--method", "random", "--ipc", "20", "--seed", "0", "--out",
                data.toString());
        Path teacher = DistillFixtures.teacher(dir.resolve("teacher"),
                Datasets.open("fashion-mnist", Split.TRAIN, DataOptions.defaults()), "batch");
        int kills = 0;
        for (String topK : new String[] {"0", "3"}) {
            String[] relabel = {"relabel", "--data", data.toString(), "--teacher", teacher.toString(), "--protocol",
                    "standard-soft", "--epochs", "40", "--batch-size", "32", "--seed", "3", "--top-k", topK, "--out"};
            Path ref = dir.resolve("ref-" + topK);
            long t0 = System.nanoTime();
            cli.run(with(relabel, ref));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path killed = dir.resolve("killed-" + topK);
            for (int k = 0; k < 3; k++) {
                if (!ChildCli.killDuringWork(cli.launch(with(relabel, killed)), "labelled",
                        random.nextDouble(0, 0.5) * seconds)) {
                    break;
                }
                kills++;
            }
            cli.run(with(relabel, killed));
            assertEquals(tree(ref), tree(killed), cli::allLogs);
        }
        assertTrue(kills >= 2, "only " + kills + " kills landed");
    }

    private static String[] with(String[] args, Path out) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = out.toString();
        return all;
    }

    /** Every file by name with its SHA-256; a temporary file left behind shows up as a difference. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Hashing.sha256(p));
            }
        }
        assertTrue(files.containsKey("labels.json"), "no index in " + root);
        return files;
    }
}
