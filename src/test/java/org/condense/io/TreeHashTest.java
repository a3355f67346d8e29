package org.condense.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeHashTest {

    @Test
    void followsContentAndRelativeNamesNotTheFoldersPlace(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a/data");
        Files.createDirectories(a.resolve("cat"));
        Files.write(a.resolve("cat/1.png"), new byte[] {1, 2, 3});
        Files.write(a.resolve("cat/2.png"), new byte[] {4, 5});
        TreeHash h = TreeHash.of(a, List.of("cat/2.png", "cat/1.png"));
        assertEquals(5, h.bytes());
        assertEquals(h, TreeHash.of(a, List.of("cat/1.png", "cat/2.png")), "order of the list does not matter");

        Path b = dir.resolve("elsewhere/renamed");
        Files.createDirectories(b.getParent());
        Files.move(a, b);
        assertEquals(h, TreeHash.of(b, List.of("cat/1.png", "cat/2.png")), "moving the folder keeps the hash");

        Files.move(b.resolve("cat/2.png"), b.resolve("cat/3.png"));
        TreeHash renamed = TreeHash.of(b, List.of("cat/1.png", "cat/3.png"));
        assertNotEquals(h.sha256(), renamed.sha256());
        Files.write(b.resolve("cat/3.png"), new byte[] {4, 6});
        assertNotEquals(renamed.sha256(), TreeHash.of(b, List.of("cat/1.png", "cat/3.png")).sha256());
        // bytes shifted between files are a different set of files
        Files.write(b.resolve("cat/1.png"), new byte[] {1, 2});
        Files.write(b.resolve("cat/3.png"), new byte[] {3, 4, 6});
        assertEquals(5, TreeHash.of(b, List.of("cat/1.png", "cat/3.png")).bytes());
        Files.write(b.resolve("cat/1.png"), new byte[] {1, 2, 3});
        Files.write(b.resolve("cat/3.png"), new byte[] {4, 6});
        TreeHash back = TreeHash.of(b, List.of("cat/1.png", "cat/3.png"));
        Files.write(b.resolve("cat/1.png"), new byte[] {1, 2});
        Files.write(b.resolve("cat/3.png"), new byte[] {3, 4, 6});
        assertNotEquals(back.sha256(), TreeHash.of(b, List.of("cat/1.png", "cat/3.png")).sha256());
    }
}
