package org.condense.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.condense.train.Protocol;
import org.condense.train.Recipe;

/**
 * Loads protocol presets shipped as YAML (or a user's YAML file), resolves {@code extends},
 * applies {@code key.path=value} overrides and validates the result.
 */
public final class Protocols {
    /** The presets shipped in {@code resources/protocols}. */
    public static final List<String> PRESETS =
            List.of("standard-hard", "standard-soft", "sgd-hard", "sre2l-soft", "rded-soft", "teacher-sgd",
                    "score-sgd", "pca-hard", "pca-sgd", "gvbsm-soft");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // epochs: 2.5 is a mistake, not 2
            .build();

    private Protocols() {}

    public static Protocol load(String nameOrPath) {
        return load(nameOrPath, Map.of());
    }

    /**
     * @param overrides dotted paths to values written in YAML syntax, e.g.
     *     {@code epochs=50}, {@code augment.crop.scale=[0.5,1]}
     */
    public static Protocol load(String nameOrPath, Map<String, String> overrides) {
        ObjectNode tree = resolve(nameOrPath, 0);
        for (Map.Entry<String, String> e : new LinkedHashMap<>(overrides).entrySet()) {
            set(tree, e.getKey(), e.getValue());
        }
        String name = tree.path("name").asText(nameOrPath);
        String description = tree.path("description").asText("");
        ObjectNode recipeTree = tree.deepCopy();
        recipeTree.remove(List.of("name", "description", "extends"));
        Recipe recipe;
        try {
            recipe = YAML.treeToValue(recipeTree, Recipe.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserException("protocol '" + name + "' has an unknown field '" + e.getPropertyName()
                    + "'; known fields: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UserException("protocol '" + name + "' is malformed: " + firstLine(e.getMessage()));
        }
        if (recipe == null || recipe.augment() == null) {
            throw new UserException("protocol '" + name + "' is incomplete: it must define every field of standard-hard"
                    + " (or start with `extends: standard-hard`)");
        }
        recipe.validate();
        ObjectNode resolved = tree.deepCopy();
        resolved.remove("extends");
        return new Protocol(name, description, recipe, resolved);
    }

    private static ObjectNode resolve(String nameOrPath, int depth) {
        if (depth > 8) {
            throw new UserException("protocol '" + nameOrPath + "': `extends` chain too deep (a cycle?)");
        }
        ObjectNode tree = read(nameOrPath);
        JsonNode parent = tree.get("extends");
        if (parent == null) {
            return tree;
        }
        ObjectNode base = resolve(parent.asText(), depth + 1);
        merge(base, tree);
        return base;
    }

    private static ObjectNode read(String nameOrPath) {
        String resource = "/protocols/" + nameOrPath + ".yaml";
        try (InputStream in = Protocols.class.getResourceAsStream(resource)) {
            if (in != null) {
                return parse(in.readAllBytes(), nameOrPath);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + resource, e);
        }
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            try {
                return parse(Files.readAllBytes(file), file.toString());
            } catch (IOException e) {
                throw new UserException("cannot read protocol file " + file + ": " + e.getMessage());
            }
        }
        throw new UserException("unknown protocol '" + nameOrPath + "'; choose one of: " + String.join(", ", PRESETS)
                + ", or give the path of a YAML file");
    }

    private static ObjectNode parse(byte[] yaml, String origin) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || !node.isObject()) {
                throw new UserException("protocol " + origin + " must be a YAML mapping of fields");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new UserException("protocol " + origin + " is not valid YAML: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new UserException("cannot read protocol " + origin + ": " + e.getMessage());
        }
    }

    /** Deep merge: fields of {@code top} replace those of {@code base}; nested mappings merge. */
    static void merge(ObjectNode base, ObjectNode top) {
        Iterator<Map.Entry<String, JsonNode>> fields = top.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode existing = base.get(f.getKey());
            if (existing instanceof ObjectNode && f.getValue() instanceof ObjectNode) {
                merge((ObjectNode) existing, (ObjectNode) f.getValue());
            } else {
                base.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    static void set(ObjectNode tree, String path, String value) {
        String[] keys = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (!(child instanceof ObjectNode)) {
                throw new UserException("cannot override '" + path + "': '" + keys[i] + "' is not a group of fields");
            }
            node = (ObjectNode) child;
        }
        String last = keys[keys.length - 1];
        if (!node.has(last) && !OPTIONAL_FIELDS.contains(path)) {
            throw new UserException("cannot override '" + path + "': no such field; fields here: " + fieldNames(node, path));
        }
        try {
            JsonNode parsed = YAML.readTree(value);
            node.set(last, parsed == null ? YAML.getNodeFactory().textNode(value) : parsed);
        } catch (JsonProcessingException e) {
            throw new UserException("cannot override '" + path + "': value '" + value + "' is not valid YAML");
        }
    }

    /**
     * Fields a preset may leave out (the recipe's default then applies): writing them into every
     * preset would change the resolved protocol, and with it the key of every finished run.
     */
    private static final java.util.Set<String> OPTIONAL_FIELDS = java.util.Set.of("augment.patch", "soft_loss", "ensemble");

    private static String fieldNames(ObjectNode node, String path) {
        StringBuilder sb = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
        String group = path.contains(".") ? path.substring(0, path.lastIndexOf('.') + 1) : "";
        for (String optional : OPTIONAL_FIELDS) {
            String name = optional.substring(group.length());
            if (optional.startsWith(group) && !name.contains(".") && !node.has(name)) {
                sb.append(", ").append(name);
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
