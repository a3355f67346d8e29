package org.condense.train;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A named evaluation protocol: the training recipe plus its fully resolved configuration tree
 * (after {@code extends} and command-line overrides), which is what result records store.
 */
public record Protocol(String name, String description, Recipe recipe, ObjectNode resolved) {}
