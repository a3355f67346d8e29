package org.condense.evaluate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.condense.train.Recipe;

/**
 * A named evaluation protocol: the training recipe plus its fully resolved configuration tree
 * (after {@code extends} and command-line overrides), which is what result records store.
 */
public record Protocol(String name, String description, Recipe recipe, ObjectNode resolved) {}
