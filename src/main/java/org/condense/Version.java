package org.condense;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version recorded in every manifest and result, and the build facts of {@link Provenance}. */
public final class Version {
    private static final Properties BUILD = load();

    private Version() {}

    public static String get() {
        return property("version");
    }

    /** A build property, or {@code unknown} when the build could not fill it in (e.g. no git). */
    static String property(String name) {
        String v = BUILD.getProperty(name, "");
        return v.isBlank() || v.contains("${") ? "unknown" : v.trim();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/condense.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // every property reads as unknown
        }
        return p;
    }
}
