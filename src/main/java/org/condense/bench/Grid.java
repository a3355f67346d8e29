package org.condense.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.condense.train.Recipe;

/**
 * A benchmark grid, as read from its YAML file (see {@link GridFile}). Expansion order is
 * dataset, IPC, method, seed, model, protocol: the small budgets and every method of one budget
 * finish first, so a partial grid already gives whole table columns, and a method's seeds fill
 * every protocol (soft and hard labels) evenly, each compressed dataset serving all its runs in a
 * row. A protocol with stored labels gives one run per label pruning ratio, innermost.
 *
 * @param teacher teacher folder, or several comma-separated (a {@code teacher:} list), or null; soft-label
 *     protocols and single-teacher methods use the first, ensemble protocols (gvbsm-soft) all of them
 */
public record Grid(String name, List<String> datasets, ScoresSpec scores, String teacher, List<MethodEntry> methods,
        List<Integer> ipcs, List<ProtocolEntry> protocols, List<String> models, List<Long> seeds) {

    /** The first teacher folder of {@link #teacher()}, or null. */
    public String firstTeacher() {
        return teacher == null ? null : teacher.split(",")[0];
    }

    /** The online teacher of a protocol: the first teacher for soft labels, none for hard labels. */
    public Path onlineTeacher(Recipe recipe) {
        return recipe.softLabels() ? Path.of(firstTeacher()) : null;
    }

    /** The teachers after the first whose logits an ensemble protocol combines: the rest of the grid's list. */
    public List<Path> ensembleTeachers(Recipe recipe) {
        if (!recipe.softLabels() || !recipe.takesSeveralTeachers()) {
            return List.of();
        }
        return Arrays.stream(teacher.split(",")).skip(1).map(Path::of).toList();
    }

    public List<BenchRun> expand() {
        List<BenchRun> runs = new ArrayList<>();
        for (String dataset : datasets) {
            for (int ipc : ipcs) {
                for (MethodEntry method : methods) {
                    for (long seed : seeds) {
                        for (String model : models) {
                            for (ProtocolEntry protocol : protocols) {
                                if (!method.runsUnder(protocol)) {
                                    continue;
                                }
                                if (!protocol.storedLabels()) {
                                    runs.add(new BenchRun(dataset, method, ipc, protocol, model, seed));
                                    continue;
                                }
                                for (double r : protocol.labelPrunes()) { // all read one relabelled folder
                                    runs.add(new BenchRun(dataset, method, ipc, protocol, model, seed, r));
                                }
                            }
                        }
                    }
                }
            }
        }
        return runs;
    }
}
