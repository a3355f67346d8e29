package org.condense.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.io.Hashing;

/**
 * The cards of teachers and scoring runs, found by the SHA-256 of their content (a teacher's
 * {@code model.params}, a scoring run's {@code scores.csv}), so a report made from a clone finds
 * the committed cards of inputs that lay somewhere else on the machine that made the datasets.
 */
final class InputCards {
    static final InputCards NONE = new InputCards(Map.of());

    private static final List<String> CONTENT_FILES = List.of("model.params", "scores.csv");

    private final Map<String, Path> cardBySha256;

    private InputCards(Map<String, Path> cardBySha256) {
        this.cardBySha256 = cardBySha256;
    }

    /** Indexes every folder with a {@code card.json} at most two levels below each root. */
    static InputCards index(List<Path> roots) {
        Map<String, Path> cards = new HashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> found = Files.find(root, 3, (p, a) -> p.getFileName().toString().equals("card.json"))) {
                for (Path card : found.toList()) {
                    for (String name : CONTENT_FILES) {
                        Path content = card.resolveSibling(name);
                        if (Files.isRegularFile(content)) {
                            cards.putIfAbsent(Hashing.sha256(content), card);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new InputCards(cards);
    }

    /** The card whose teacher weights or scores file have this SHA-256, or null. */
    Path find(Object sha256) {
        return sha256 instanceof String s ? cardBySha256.get(s) : null;
    }
}
