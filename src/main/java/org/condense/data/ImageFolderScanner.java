package org.condense.data;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.condense.UserException;
import org.condense.io.ConfinedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds an ImageFolder's split folder, its classes and its image files (sorted, deterministic). */
final class ImageFolderScanner {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderScanner.class);
    private static final String LAYOUT = "Expected ROOT/train/<class>/*.{jpg,jpeg,png} and ROOT/val/<class>/…, "
            + "or ROOT/<class>/*.{jpg,jpeg,png}";

    private ImageFolderScanner() {}

    static ImageFolderDataset scan(Path root, Split split, int size, int channels) {
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new UserException("Image folder " + root + " does not exist or is not a folder. " + LAYOUT + ".");
        }
        Path train = root.resolve("train");
        Path test = Files.isDirectory(root.resolve("val")) || !Files.isDirectory(root.resolve("test"))
                ? root.resolve("val") : root.resolve("test");
        Path splitDir;
        Path classSource;
        if (Files.isDirectory(train) || Files.isDirectory(test)) {
            splitDir = split == Split.TRAIN ? train : test;
            if (!Files.isDirectory(splitDir)) {
                throw new UserException("Image folder " + root + " has no " + root.relativize(splitDir)
                        + "/ folder for the " + split.name().toLowerCase(java.util.Locale.ROOT) + " split. " + LAYOUT + ".");
            }
            // Labels come from train/ so that a class missing from val/ does not shift them.
            classSource = Files.isDirectory(train) ? train : test;
        } else {
            LOG.info("{} has no train/ or val/ folder: its class folders serve as the {} split", root, split);
            splitDir = root;
            classSource = root;
        }
        List<String> classes = subfolders(classSource);
        if (classes.isEmpty()) {
            throw new UserException("Image folder " + classSource + " has no class folders. " + LAYOUT + ".");
        }
        for (String c : subfolders(splitDir)) {
            if (!classes.contains(c)) {
                throw new UserException("Class folder " + splitDir.resolve(c) + " does not exist in " + classSource
                        + "; every split must use the training split's classes. Rename or remove it.");
            }
        }
        return list(root, splitDir, classes, splitDir.equals(classSource), size, channels);
    }

    private static ImageFolderDataset list(Path root, Path splitDir, List<String> classes, boolean requireAll,
            int size, int channels) {
        List<String> files = new ArrayList<>();
        int[] counts = new int[classes.size()];
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = splitDir.resolve(classes.get(label));
            List<String> found = Files.isDirectory(classDir) ? imagesUnder(root, splitDir, classDir) : List.of();
            if (found.isEmpty() && requireAll) {
                throw new UserException("Class folder " + classDir + " holds no .jpg, .jpeg or .png image; "
                        + "add images or remove the folder.");
            }
            files.addAll(found);
            counts[label] = found.size();
        }
        if (files.isEmpty()) {
            throw new UserException("Image folder " + splitDir + " holds no .jpg, .jpeg or .png image. " + LAYOUT
                    + ".");
        }
        int[] labelArray = new int[files.size()];
        for (int label = 0, at = 0; label < counts.length; at += counts[label], label++) {
            java.util.Arrays.fill(labelArray, at, at + counts[label], label);
        }
        return new ImageFolderDataset(root.toString(), splitDir, classes, files.toArray(String[]::new), labelArray,
                size, channels);
    }

    /** Sorted names of the visible subfolders. */
    private static List<String> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UserException("Cannot list image folder " + dir + " (" + e.getMessage()
                    + "); check that it exists and is readable.", e);
        }
    }

    /**
     * Image files anywhere below {@code classDir}, as sorted paths relative to {@code base}. A
     * downloaded folder is untrusted: links may not lead outside {@code root}, and a file named
     * like an image must be a regular file (a fifo or device would hang or fill memory).
     */
    static List<String> imagesUnder(Path root, Path base, Path classDir) {
        ConfinedFiles.requireInside(root, classDir, "image folder", FIX);
        try (Stream<Path> s = Files.walk(classDir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> {
                if (Files.isSymbolicLink(p)) {
                    ConfinedFiles.requireInside(root, p, "image folder entry", FIX);
                }
                // folders are walked into, whatever their name
                return ImageFolderDataset.hasImageName(p) && !Files.isDirectory(p);
            }).map(p -> {
                if (!Files.isRegularFile(p)) {
                    throw new UserException("Image folder entry " + p + " is not a regular file (a device or fifo); "
                            + FIX);
                }
                return base.relativize(p).toString();
            }).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserException("Cannot list image folder " + classDir + " (" + e.getMessage()
                    + "); check that it is readable.", e);
        }
    }

    private static final String FIX = "remove it or replace it with the image file itself";
}
