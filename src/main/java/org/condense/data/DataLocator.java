package org.condense.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.condense.UserException;

/**
 * Finds a named dataset's folder: the {@code --data-dir}, then {@code $CONDENSE_DATA} (a list
 * like PATH), then well-known locations: {@code ../shared/datasets} beside the project (where the
 * {@code condense} launcher lies) and beside the working folder, the system's
 * {@code /usr/share/datasets}, and the user's {@code ~/.condense/datasets}. No path of one
 * machine is built in. Under each root the dataset's usual folder names are tried, then the root
 * itself (for a data dir pointing straight at the dataset).
 */
final class DataLocator {

    static final String ENV = "CONDENSE_DATA";
    /** The project folder, set by the {@code condense} launcher; unset when run otherwise (tests, IDE). */
    static final String HOME_PROPERTY = "condense.home";

    /** A folder searched, with where it came from (shown in the error when nothing is found). */
    record Root(Path dir, String origin) {}

    private final List<Root> roots;

    DataLocator(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The search roots of this process: its options, environment, project, working and home directories. */
    static DataLocator forOptions(DataOptions opts) {
        String project = System.getProperty(HOME_PROPERTY);
        return new DataLocator(roots(opts.dataDir(), System.getenv(ENV), project == null ? null : Path.of(project),
                Path.of(""), Path.of(System.getProperty("user.home"))));
    }

    /**
     * @param project the project folder (the launcher's), or null when unknown
     * @param workDir the working folder
     */
    static List<Root> roots(Path dataDir, String env, Path project, Path workDir, Path home) {
        Map<Path, Root> roots = new LinkedHashMap<>(); // first origin wins for a folder listed twice
        if (dataDir != null) {
            add(roots, dataDir, "--data-dir");
        }
        if (env != null) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    add(roots, Path.of(part.strip()), "$" + ENV);
                }
            }
        }
        // a checkout lies beside the shared data (as CI clones it): found from wherever condense is started
        if (project != null) {
            add(roots, project.resolve("../shared/datasets"), "../shared/datasets beside condense");
        }
        add(roots, workDir.resolve("../shared/datasets"), "../shared/datasets");
        add(roots, Path.of("/usr/share/datasets"), "system packages");
        add(roots, home.resolve(".condense/datasets"), "~/.condense/datasets");
        return new ArrayList<>(roots.values());
    }

    private static void add(Map<Path, Root> roots, Path dir, String origin) {
        Path abs = dir.toAbsolutePath().normalize();
        roots.putIfAbsent(abs, new Root(abs, origin));
    }

    List<Root> roots() {
        return roots;
    }

    Path locate(KnownDataset ds) {
        for (Root root : roots) {
            for (String folder : ds.folderNames) {
                Path dir = root.dir().resolve(folder);
                if (ds.isIn(dir)) {
                    return dir;
                }
            }
            if (ds.isIn(root.dir())) {
                return root.dir();
            }
        }
        throw new UserException(notFoundMessage(ds));
    }

    private String notFoundMessage(KnownDataset ds) {
        StringBuilder places = new StringBuilder();
        for (Root root : roots) {
            places.append(places.isEmpty() ? "" : "; ").append(root.dir());
            places.append(" (").append(root.origin()).append(Files.isDirectory(root.dir()) ? "" : ", missing")
                    .append(')');
        }
        // Suggest the user's own data dir if they gave one, else a per-user folder that is always searched.
        Path target = roots.get(0).origin().equals("--data-dir") || roots.get(0).origin().startsWith("$")
                ? roots.get(0).dir() : roots.get(roots.size() - 1).dir();
        return "Dataset '" + ds.id + "' not found. Looked for a folder named " + String.join(" or ", ds.folderNames)
                + " (holding " + String.join(" or ", ds.markers) + "), or those files directly, in: " + places
                + ". " + ds.howToGet(target) + "; or pass --data-dir (or set " + ENV
                + ") to a folder that holds it.";
    }
}
