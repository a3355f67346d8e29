package org.condense.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.condense.compress.CompressedImage;
import org.condense.compress.CompressionRequest;
import org.condense.data.ImageDataset;
import org.condense.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same config and seed, same G-VBSM images bit for bit: within one process and in a fresh JVM.
 * The first run computes each teacher's training-set statistics and stores them beside it; the
 * second run and the child read them back, so the test also holds the stored statistics to the
 * values a fresh pass gives.
 */
class GvbsmReproducibilityTest {
    static final ImageDataset TOY = GvbsmDistillationTest.TOY;

    /** The SHA-256 of the images of one small run on {@code teachers} (comma-separated folders). */
    static String imagesHash(String teachers) throws Exception {
        Map<String, String> o = new TreeMap<>();
        o.put("teacher", teachers);
        o.put("iterations", "5");
        o.put("batch_size", "4"); // two batches: the statistics EMA carries from one to the next
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (CompressedImage im : new GvbsmDistillation().compress(new CompressionRequest(TOY, 2, 3, o)).images()) {
            md.update((byte) im.label());
            md.update(im.pixels());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The child JVM: prints the hash of the run on the teachers in {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        System.out.println("IMAGES " + imagesHash(args[0]));
    }

    @Test
    void sameSeedGivesTheSameImagesInThisAndAnotherProcess(@TempDir Path dir) throws Exception {
        Path deep = DistillFixtures.teacher(dir.resolve("deep"), TOY, "batch");
        Path shallow = GvbsmDistillationTest.teacher(dir.resolve("shallow"), TOY,
                new NetworkSpec("convnet", 3, 16, 3, "batch", null, 16, 1), TOY.classNames());
        String teachers = deep + "," + shallow;
        String first = imagesHash(teachers);
        for (Path t : List.of(deep, shallow)) {
            try (var files = Files.list(t)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("gvbsm-statistics-")),
                        "the first run stores the statistics in " + t);
            }
        }
        assertEquals(first, imagesHash(teachers), "second run in the same process (statistics read back)");

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), GvbsmReproducibilityTest.class.getName(),
                teachers));
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
        String child = out.lines().filter(l -> l.startsWith("IMAGES ")).map(l -> l.substring(7)).findFirst()
                .orElseThrow(() -> new AssertionError("child printed no hash:\n" + out));
        assertEquals(first, child, "a fresh JVM with the same config and seed");
    }
}
