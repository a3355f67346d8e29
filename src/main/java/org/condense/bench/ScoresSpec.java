package org.condense.bench;

import java.nio.file.Path;

/**
 * Where a grid's score-based methods get their scores: an existing scores folder ({@code path}),
 * or a scoring run the bench makes once per dataset (convnet of {@code width}, score-sgd for
 * {@code epochs}, EL2N over the first {@code k}).
 */
public record ScoresSpec(Path path, int width, int epochs, int k, long seed) {
    public boolean existing() {
        return path != null;
    }
}
