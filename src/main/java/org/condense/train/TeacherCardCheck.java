package org.condense.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;

/**
 * Checks a teacher's {@code card.json} as a JSON tree before it is used: a teacher folder may come
 * from someone else, and a card that is empty or partial must be refused with the field it
 * lacks, not fail later inside training.
 */
final class TeacherCardCheck {
    private static final List<String> REQUIRED = List.of("dataset", "classes", "network", "mean", "std");

    private final Path file;

    private TeacherCardCheck(Path file) {
        this.file = file;
    }

    static void check(Path file, JsonNode card) {
        new TeacherCardCheck(file).check(card);
    }

    private void check(JsonNode card) {
        if (card == null || !card.isObject()) {
            throw bad("is not a JSON object");
        }
        for (String f : REQUIRED) {
            if (!card.hasNonNull(f)) {
                throw bad("has no '" + f + "' field");
            }
        }
        if (!card.get("dataset").isTextual() || card.get("dataset").asText().isBlank()) {
            throw bad("has a 'dataset' that is not a name");
        }
        JsonNode classes = card.get("classes");
        if (!classes.isArray() || classes.isEmpty()) {
            throw bad("has no class names in 'classes'");
        }
        for (JsonNode c : classes) {
            if (!c.isTextual()) {
                throw bad("has a class name that is not a string: " + c);
            }
        }
        JsonNode net = card.get("network");
        if (!net.isObject() || !net.path("name").isTextual()) {
            throw bad("has a 'network' without a 'name'");
        }
        int channels = positive(net, "channels");
        positive(net, either(net, "imageSize", "image_size"));
        String numClasses = either(net, "numClasses", "num_classes");
        if (positive(net, numClasses) != classes.size()) {
            throw bad("has a network of " + net.get(numClasses) + " classes but lists " + classes.size());
        }
        perChannel(card, "mean", channels, false);
        perChannel(card, "std", channels, true);
    }

    /** The field's name as the card spells it (NetworkSpec is written in camel case; snake case is accepted too). */
    private static String either(JsonNode net, String camel, String snake) {
        return net.has(camel) || !net.has(snake) ? camel : snake;
    }

    private int positive(JsonNode net, String field) {
        JsonNode n = net.get(field);
        if (n == null || !n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > Integer.MAX_VALUE) {
            throw bad("has a 'network' whose '" + field + "' is not a positive integer: " + n);
        }
        return n.asInt();
    }

    private void perChannel(JsonNode card, String field, int channels, boolean positive) {
        JsonNode n = card.get(field);
        if (!n.isArray() || n.size() != channels) {
            throw bad("'" + field + "' must list one number per channel (" + channels + "), got " + n);
        }
        for (JsonNode v : n) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || (positive && v.asDouble() <= 0)) {
                throw bad("'" + field + "' holds " + v + ", expected a finite" + (positive ? " positive" : "") + " number");
            }
        }
    }

    private UserException bad(String problem) {
        return new UserException("teacher card " + file + " " + problem
                + "; it is not a card written by `condense train`: retrain the teacher");
    }
}
