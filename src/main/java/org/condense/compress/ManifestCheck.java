package org.condense.compress;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.condense.UserException;
import org.condense.io.ConfinedFiles;

/**
 * Checks a manifest someone else may have written, as a JSON tree and before anything it names
 * is read: the format version, every required field and its type, labels within the classes,
 * IPC × classes images, source indices within the source set, and image paths that stay inside
 * the dataset's folder. Each problem is one {@link UserException} naming the field.
 */
final class ManifestCheck {
    /** Fields every manifest has; {@code options}, {@code parameters} and {@code code_version} are informational. */
    private static final List<String> REQUIRED = List.of("format", "source_dataset", "source_size", "classes", "method",
            "ipc", "seed", "resolution", "channels", "factor", "mean", "std", "images", "bytes");
    /** Far above any real dataset (ImageNet is 224 px); keeps pixel-count arithmetic in range. */
    static final int MAX_RESOLUTION = 8192;

    private final Path file;
    private final Path root;

    private ManifestCheck(Path file) {
        this.file = file;
        this.root = file.toAbsolutePath().getParent();
    }

    static void check(Path file, JsonNode m) {
        new ManifestCheck(file).check(m);
    }

    private void check(JsonNode m) {
        if (m == null || !m.isObject()) {
            throw bad("is not a JSON object");
        }
        JsonNode format = m.get("format");
        if (format == null || !format.isTextual()) {
            throw bad("has no 'format' field; it is not a condense manifest (" + Manifest.FORMAT + ")");
        }
        if (!Manifest.FORMAT.equals(format.asText())) {
            throw new UserException(file + " has format '" + format.asText() + "' but this condense reads "
                    + Manifest.FORMAT + "; recreate the dataset with this version's `condense compress`");
        }
        for (String f : REQUIRED) {
            if (!m.hasNonNull(f)) {
                throw bad("has no '" + f + "' field");
            }
        }
        text(m, "source_dataset");
        String method = text(m, "method");
        long sourceSize = integer(m, "source_size", 0, Integer.MAX_VALUE);
        int classes = classes(m.get("classes"));
        int ipc = (int) integer(m, "ipc", 1, Integer.MAX_VALUE);
        integer(m, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        integer(m, "resolution", 1, MAX_RESOLUTION);
        int channels = (int) integer(m, "channels", 1, 3);
        if (channels == 2) {
            throw bad("has channels 2; expected 1 (grey) or 3 (colour)");
        }
        integer(m, "factor", 1, 64);
        floats(m, "mean", channels, false);
        floats(m, "std", channels, true);
        JsonNode bytes = m.get("bytes");
        if (!bytes.isObject() || !bytes.hasNonNull("images")) {
            throw bad("has a 'bytes' field without 'images' (bytes of images on disk)");
        }
        integer(bytes, "images", 0, Long.MAX_VALUE);
        if (bytes.has("labels")) {
            integer(bytes, "labels", 0, Long.MAX_VALUE);
        }
        // an imported folder keeps what its maker chose per class; its IPC is the mean, for tables only
        images(m.get("images"), classes, FolderImport.METHOD.equals(method) ? 0 : ipc, sourceSize);
    }

    private int classes(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) {
            throw bad("'classes' must be a non-empty list of class names");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode c : n) {
            if (!c.isTextual() || c.asText().isBlank() || !seen.add(c.asText())) {
                throw bad("'classes' must hold distinct, non-empty names; found " + c);
            }
        }
        return n.size();
    }

    /** @param ipc images per class every class must have, or 0 when the method fixes no count */
    private void images(JsonNode n, int classes, int ipc, long sourceSize) {
        if (!n.isArray()) {
            throw bad("'images' must be a list of {file, label, sources}");
        }
        if (n.isEmpty()) {
            throw bad("lists no images");
        }
        // composites count once: a method stores IPC images per class, whatever its combine factor
        long expected = (long) ipc * classes;
        if (ipc > 0 && n.size() != expected) {
            throw bad("lists " + n.size() + " images but IPC " + ipc + " × " + classes + " classes is " + expected);
        }
        int i = 0;
        for (JsonNode e : n) {
            String where = "image " + i;
            if (!e.isObject()) {
                throw bad(where + " is not an object {file, label, sources}");
            }
            JsonNode fileNode = e.get("file");
            if (fileNode == null || !fileNode.isTextual()) {
                throw bad(where + " has no 'file'");
            }
            JsonNode label = e.get("label");
            if (label == null || !label.isIntegralNumber()) {
                throw bad(where + " has no integer 'label'");
            }
            if (label.asLong() < 0 || label.asLong() >= classes) {
                throw bad(where + " has label " + label.asText() + ", outside 0.." + (classes - 1) + " (" + classes
                        + " classes)");
            }
            JsonNode sources = e.get("sources");
            if (sources != null && !sources.isNull()) {
                if (!sources.isArray()) {
                    throw bad(where + " has 'sources' that is not a list of sample indices");
                }
                for (JsonNode s : sources) {
                    if (!s.isIntegralNumber() || s.asLong() < 0 || s.asLong() >= Math.max(sourceSize, 1)) {
                        throw bad(where + " has source index " + s + ", outside the " + sourceSize
                                + " samples of the source set");
                    }
                }
            }
            ConfinedFiles.lexical(root, fileNode.asText(), "manifest " + file + ": " + where + " path",
                    "image paths must be relative to the dataset folder; recreate it with `condense compress`");
            i++;
        }
    }

    private String text(JsonNode m, String field) {
        JsonNode n = m.get(field);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad("'" + field + "' must be a non-empty string, got " + n);
        }
        return n.asText();
    }

    private long integer(JsonNode m, String field, long min, long max) {
        JsonNode n = m.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad("'" + field + "' must be an integer, got " + n);
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw bad("'" + field + "' is " + v + ", expected " + min + ".." + max);
        }
        return v;
    }

    private void floats(JsonNode m, String field, int length, boolean positive) {
        JsonNode n = m.get(field);
        if (!n.isArray() || n.size() != length) {
            throw bad("'" + field + "' must list one number per channel (" + length + "), got " + n);
        }
        for (JsonNode v : n) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble()) || (positive && v.asDouble() <= 0)) {
                throw bad("'" + field + "' holds " + v + ", expected a finite" + (positive ? " positive" : "")
                        + " number");
            }
        }
    }

    private UserException bad(String problem) {
        return new UserException("manifest " + file + " " + problem + "; recreate the dataset with `condense compress`");
    }
}
