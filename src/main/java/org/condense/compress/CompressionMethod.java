package org.condense.compress;

import java.util.List;

/**
 * A way to build a compressed dataset, registered by name in the method registry
 * ({@code org.condense.methods.CompressionMethods}). Besides compressing, a method declares what it
 * needs ({@link #needs()}) and which options it takes ({@link #options()}): bench, CLI, report
 * and option checking read these, so a new method is this class, a test and a registry line.
 */
public interface CompressionMethod {
    String name();

    /** One line for the CLI's method list. */
    default String description() {
        return "";
    }

    /** Scores, teachers and batch norm it needs; the default is nothing but the source data. */
    default MethodNeeds needs() {
        return MethodNeeds.NOTHING;
    }

    /**
     * Its own {@code --option}s, without the input options ({@code scores}, {@code teacher}),
     * which follow from {@link #needs()}. Any other option is refused before the method runs.
     */
    default List<MethodOption> options() {
        return List.of();
    }

    CompressionResult compress(CompressionRequest request);
}
