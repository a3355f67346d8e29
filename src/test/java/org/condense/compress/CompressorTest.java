package org.condense.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.ToyDataset;
import org.condense.UserException;
import org.condense.data.InMemoryDataset;
import org.condense.methods.CompressionMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressorTest {

    @Test
    void writesAnImageFolderWhosePixelsAreTheSourceImages(@TempDir Path dir) throws Exception {
        for (int channels : new int[] {1, 3}) {
            InMemoryDataset toy = ToyDataset.balanced(2, 5, channels, 8);
            Path out = dir.resolve("c" + channels);
            Manifest m = Compressor.run(toy, "toy", CompressionMethods.get("random"), 3, 1, Map.of(), out).manifest();
            assertEquals(6, m.images().size());
            assertEquals(Manifest.FORMAT, m.format());
            assertEquals("random", m.method());
            assertEquals(8, m.resolution());
            assertEquals(1, m.factor());
            assertEquals(channels, m.mean().length);
            CompressedDataset read = CompressedDataset.open(out);
            assertEquals(6, read.size());
            long bytes = 0;
            for (int i = 0; i < read.size(); i++) {
                Manifest.Entry e = m.images().get(i);
                assertTrue(e.file().matches("images/0000" + e.label() + "/\\d{5}\\.png"), e.file());
                byte[] expected = new byte[toy.imageBytes()];
                toy.readImage(e.sources()[0], expected);
                byte[] actual = new byte[read.imageBytes()];
                read.readImage(i, actual);
                assertArrayEquals(expected, actual);
                bytes += Files.size(out.resolve(e.file()));
            }
            assertEquals(bytes, m.bytes().images());
        }
        try (Stream<Path> leftovers = Files.list(dir)) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().startsWith(".")), "temporary folder left");
        }
    }

    @Test
    void identicalRerunIsReusedAndDifferentResultIsRefused(@TempDir Path dir) throws Exception {
        InMemoryDataset toy = ToyDataset.balanced(2, 5, 1, 8);
        Path out = dir.resolve("subset");
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), out);
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
        assertTrue(Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), out).reused());
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.json")));
        UserException e = assertThrows(UserException.class, () -> Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 2, Map.of(), out));
        assertTrue(e.getMessage().contains("already holds a different compressed dataset"), e.getMessage());
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.json")), "existing result must be untouched");
    }

    @Test
    void sameSeedGivesBitIdenticalDatasets(@TempDir Path dir) throws Exception {
        InMemoryDataset toy = ToyDataset.balanced(2, 5, 3, 8);
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 9, Map.of(), dir.resolve("a"));
        Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 9, Map.of(), dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/manifest.json")), Files.readAllBytes(dir.resolve("b/manifest.json")));
        // what it cost lives beside the manifest, so the manifest stays identical
        var cost = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("a/cost.json").toFile());
        assertTrue(cost.path("compress_seconds").asDouble() > 0, cost.toString());
        assertTrue(cost.path("available_processors").asInt() > 0, cost.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/images/00001/00001.png")),
                Files.readAllBytes(dir.resolve("b/images/00001/00001.png")));
    }

    @Test
    void unknownMethodAndOccupiedFolderAreUserErrors(@TempDir Path dir) throws Exception {
        InMemoryDataset toy = ToyDataset.balanced(2, 5, 1, 8);
        UserException m = assertThrows(UserException.class, () -> Compressor.run(toy, "toy", CompressionMethods.get("magic"), 2, 1, Map.of(), dir.resolve("x")));
        assertTrue(m.getMessage().contains("unknown method 'magic'") && m.getMessage().contains("random"), m.getMessage());
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        UserException occupied = assertThrows(UserException.class, () -> Compressor.run(toy, "toy", CompressionMethods.get("random"), 2, 1, Map.of(), busy));
        assertTrue(occupied.getMessage().contains("not a compressed dataset"), occupied.getMessage());
        assertEquals("mine", Files.readString(busy.resolve("notes.txt")));
    }
}
