package org.condense.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.condense.UserException;
import org.condense.io.TreeHash;

/**
 * Images that another tool made (SRe2L's or RDED's output, a released subset, a user's script):
 * a plain {@code FOLDER/<class>/…/*.{png,jpg,jpeg}} without a manifest, mapped to the classes of
 * a named test set ({@link ClassFolderMapping}) and decoded on demand by the fair-storage rule to
 * the test set's resolution and channels (gray is replicated to RGB, RGB reduced to luma). Only
 * file names are held in memory.
 *
 * @param dataset the images in class order, then by path
 * @param name the folder's own name (never its absolute path)
 * @param files each image's path relative to the folder ({@code /}-separated), in dataset order
 * @param content SHA-256 and total size of those files: the folder's identity wherever it is moved
 */
public record ExternalFolder(ImageDataset dataset, String name, ClassFolderMapping mapping, List<String> files,
        TreeHash content) {

    private static final String LAYOUT = "expected FOLDER/<class>/*.png|jpg|jpeg";

    /**
     * Scans {@code root} and maps its class folders to {@code classNames}.
     *
     * @param allowMissing train without the classes that have no folder instead of refusing
     */
    public static ExternalFolder scan(Path root, String testName, List<String> classNames, int size, int channels,
            boolean allowMissing) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserException("image folder " + root + " does not exist or is not a folder; " + LAYOUT);
        }
        List<String> folders = new ArrayList<>();
        List<String> loose = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(p -> {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && !n.startsWith(".")) {
                    folders.add(n);
                } else if (ImageFolderDataset.hasImageName(p) && !Files.isDirectory(p)) {
                    loose.add(n);
                }
            });
        } catch (IOException e) {
            throw new UserException("cannot list image folder " + root + " (" + e.getMessage() + "); check that it is readable", e);
        }
        if (!loose.isEmpty()) {
            throw new UserException("image folder " + root + " holds " + loose.size() + " image(s) outside class folders (e.g. "
                    + loose.get(0) + "); move them into a class folder, or pass the folder above a class folder; " + LAYOUT);
        }
        if (folders.isEmpty()) {
            throw new UserException("image folder " + root + " has no class folders and no images; " + LAYOUT
                    + " for " + ClassFolderMapping.classes(testName, classNames));
        }
        ClassFolderMapping mapping = ClassFolderMapping.of(root.toString(), folders, classNames, testName);
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            if (!mapping.classOf().containsValue(c)) {
                missing.add(c + " " + classNames.get(c));
            }
        }
        if (!missing.isEmpty() && !allowMissing) {
            throw new UserException("image folder " + root + " has no folder for " + missing.size() + " of the "
                    + classNames.size() + " classes of " + testName + " (" + String.join(", ", missing.subList(0,
                            Math.min(missing.size(), 12))) + (missing.size() > 12 ? ", …" : "")
                    + "); add them, or pass --allow-missing-classes to train without them (they then score 0)");
        }
        List<Map.Entry<String, Integer>> byClass = mapping.classOf().entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList();
        List<String> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Map.Entry<String, Integer> e : byClass) {
            List<String> found = imagesUnder(dir, dir.resolve(e.getKey()));
            if (found.isEmpty()) {
                throw new UserException("class folder " + dir.resolve(e.getKey()) + " holds no .png, .jpg or .jpeg image; "
                        + "add images or remove the folder");
            }
            files.addAll(found);
            labels.addAll(Collections.nCopies(found.size(), e.getValue()));
        }
        String name = dir.getFileName() == null ? "folder" : dir.getFileName().toString();
        ImageFolderDataset dataset = new ImageFolderDataset(name, dir, classNames, files.toArray(String[]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), size, channels);
        return new ExternalFolder(dataset, name, mapping, List.copyOf(files), TreeHash.of(dir, files));
    }

    /** Images per class as a table reports it: the count of a balanced folder, else the mean over the test set's classes. */
    public int ipc() {
        return (int) Math.round((double) dataset.size() / dataset.numClasses());
    }

    /**
     * Images anywhere below {@code classDir} (hidden files and folders skipped), sorted, relative to
     * {@code root}; the ImageFolder rules apply (links stay inside {@code root}, image names are regular files).
     */
    private static List<String> imagesUnder(Path root, Path classDir) {
        return ImageFolderScanner.imagesUnder(root, root, classDir).stream()
                .filter(rel -> !hidden(classDir.relativize(root.resolve(rel))))
                .sorted(Comparator.naturalOrder()).toList();
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
