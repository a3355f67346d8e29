package org.condense.compress;

/**
 * One {@code --option KEY=VALUE} a method takes, with the one line the CLI help shows for it.
 *
 * @param description what it changes and its default, e.g. "combine factor f (default 2)"
 */
public record MethodOption(String name, String description) {
    public MethodOption {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option names are lower_snake_case: " + name);
        }
    }

    public static MethodOption of(String name, String description) {
        return new MethodOption(name, description);
    }
}
