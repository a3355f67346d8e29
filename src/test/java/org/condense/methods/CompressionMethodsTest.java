package org.condense.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.condense.UserException;
import org.condense.compress.CompressionMethod;
import org.condense.compress.MethodNeeds;
import org.condense.compress.MethodOption;
import org.condense.compress.MethodOptions;
import org.condense.compress.PinnedInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionMethodsTest {

    @Test
    void everyMethodDeclaresItsOwnOptionsOnceWithADescription() {
        for (CompressionMethod m : CompressionMethods.all()) {
            Set<String> seen = new HashSet<>();
            for (MethodOption o : m.options()) {
                assertTrue(seen.add(o.name()), m.name() + " declares " + o.name() + " twice");
                assertFalse(MethodNeeds.INPUT_OPTIONS.contains(o.name()), m.name() + ": inputs follow from needs()");
                assertFalse(o.description().isBlank(), m.name() + " " + o.name());
            }
            assertFalse(m.description().isBlank(), m.name());
            assertEquals(m, CompressionMethods.get(m.name()));
        }
    }

    @Test
    void needsOfTheBuiltInMethods() {
        assertEquals(MethodNeeds.NOTHING, CompressionMethods.get("random").needs());
        assertEquals(Set.of("el2n"), CompressionMethods.get("pca").needs().scores());
        assertEquals("el2n", CompressionMethods.get("pca").needs().shownScore()); // PCA ranks by EL2N
        assertEquals("forgetting", CompressionMethods.get("forgetting").needs().shownScore());
        assertEquals(Set.of("aum"), CompressionMethods.get("ccs").needs().scores());
        MethodNeeds rded = CompressionMethods.get("rded").needs();
        assertEquals(MethodNeeds.Teachers.ONE, rded.teachers());
        assertFalse(rded.batchNorm() || rded.readsScores());
        for (String bn : List.of("sre2l", "cda")) {
            assertTrue(CompressionMethods.get(bn).needs().batchNorm(), bn);
        }
        assertEquals(List.of("scores"), CompressionMethods.get("el2n").needs().inputOptions());
        assertEquals(List.of("teacher"), CompressionMethods.get("cda").needs().inputOptions());
    }

    @Test
    void anUnknownMethodIsAOneLineErrorListingTheMethods() {
        UserException e = assertThrows(UserException.class, () -> CompressionMethods.get("pcaa"));
        assertTrue(e.getMessage().startsWith("unknown method 'pcaa'; choose one of: random, el2n,"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(CompressionMethods.find("pcaa").isEmpty());
    }

    @Test
    void optionsAreCheckedAgainstTheDeclaration() {
        CompressionMethod pca = CompressionMethods.get("pca");
        assertEquals(Set.of("factor", "scores"), MethodOptions.known(pca));
        MethodOptions.check(pca, Map.of("factor", "2", "scores", "x"));
        UserException e = assertThrows(UserException.class, () -> MethodOptions.check(pca, Map.of("teacher", "t")));
        assertEquals("method pca has no option 'teacher'; its options: factor, scores", e.getMessage());
    }

    @Test
    void pinnedInputsFollowNeedsAndKeepTheManifestKeys(@TempDir Path dir) throws Exception {
        Path scores = Files.writeString(dir.resolve("scores.csv"), "abc");
        Path t1 = Files.createDirectories(dir.resolve("t1"));
        Path t2 = Files.createDirectories(dir.resolve("t2"));
        Files.writeString(t1.resolve("model.params"), "abc");
        String shaOfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        List<PinnedInput> s = PinnedInput.of(CompressionMethods.get("el2n").needs(), Map.of("scores", dir.toString()));
        assertEquals(1, s.size());
        assertEquals(scores.toAbsolutePath(), s.get(0).file()); // a folder means its scores.csv
        assertEquals("scores_file", s.get(0).fileKey());
        assertEquals("scores_sha256", s.get(0).shaKey());
        assertEquals(shaOfAbc, s.get(0).sha256());
        // a method without scores pins none, even if an option names a file
        assertEquals(List.of(), PinnedInput.of(MethodNeeds.NOTHING, Map.of("scores", scores.toString())));

        List<PinnedInput> one = PinnedInput.of(MethodNeeds.teacher(true), Map.of("teacher", t1.toString()));
        assertEquals(List.of("teacher_weights", "teacher_sha256", shaOfAbc),
                List.of(one.get(0).fileKey(), one.get(0).shaKey(), one.get(0).sha256()));
        List<PinnedInput> two = PinnedInput.of(MethodNeeds.teachers(false), Map.of("teacher", t1 + "," + t2));
        assertEquals(List.of("teacher_sha256_1", "teacher_sha256_2"), two.stream().map(PinnedInput::shaKey).toList());
        assertEquals(t2.resolve("model.params").toAbsolutePath(), two.get(1).file());
        assertEquals(null, two.get(1).sha256()); // missing weights: no hash, so a pinned result does not match
    }

    @Test
    void declaringBatchNormWithoutATeacherIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> new MethodNeeds(Set.of(), MethodNeeds.Teachers.NONE, true, null));
    }
}
