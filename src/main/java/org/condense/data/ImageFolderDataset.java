package org.condense.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.condense.UserException;
import org.condense.io.ImageFiles;

/**
 * Images in {@code <split dir>/<class>/…/*.{jpg,jpeg,png}}, decoded from disk on every read and
 * preprocessed by {@link FairStorage} to {@code channels × R × R}. Only the file list is held in
 * memory, so ImageNet-size folders fit. Immutable after construction: reads are thread-safe.
 */
public final class ImageFolderDataset implements ImageDataset {

    private final String name;
    private final Path splitDir;
    private final List<String> classNames;
    private final String[] files; // relative to splitDir: ~60 bytes each instead of a Path's few hundred
    private final int[] labels;
    private final int size;
    private final int channels;
    private volatile String contentKey; // computed on first use: a stat per file

    ImageFolderDataset(String name, Path splitDir, List<String> classNames, String[] files, int[] labels,
            int size, int channels) {
        this.name = name;
        this.splitDir = splitDir;
        this.classNames = List.copyOf(classNames);
        this.files = files;
        this.labels = labels;
        this.size = size;
        this.channels = channels;
    }

    /**
     * Opens {@code root/train} or {@code root/val} (TEST), or {@code root} itself when it directly
     * holds class folders. Class order is the sorted folder names of the training split, so labels
     * agree between splits.
     */
    public static ImageFolderDataset open(Path root, Split split, int size, int channels) {
        if (size < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("size " + size + ", channels " + channels);
        }
        return ImageFolderScanner.scan(root, split, size, channels);
    }

    /** The file that sample {@code index} is decoded from. */
    public Path path(int index) {
        return splitDir.resolve(files[index]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    /**
     * SHA-256 over the output size, channels, class names and every file's relative path, label,
     * size and modification time: a stat per file, no decoding. Computed on first use.
     */
    @Override
    public Optional<String> contentKey() {
        String key = contentKey;
        if (key == null) {
            key = "imagefolder " + hashFileList();
            contentKey = key;
        }
        return Optional.of(key);
    }

    private String hashFileList() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder text = new StringBuilder();
        text.append("size ").append(size).append(" channels ").append(channels).append('\n');
        classNames.forEach(c -> text.append(c).append('\0'));
        text.append('\n');
        for (int i = 0; i < files.length; i++) {
            Path file = path(i);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new UserException("Cannot read image file " + file.toAbsolutePath() + " (" + e
                        + "); check that it exists and is readable, or delete it.", e);
            }
            text.append(files[i]).append('\0').append(labels[i]).append(' ').append(a.size()).append(' ')
                    .append(a.lastModifiedTime().toMillis()).append('\n');
            if (text.length() > 1 << 16) {
                md.update(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        }
        md.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void readImage(int index, byte[] dst) {
        Path file = path(index);
        BufferedImage img;
        try {
            // a fresh reader per call: safe from many threads; the header's size is checked before decoding
            img = ImageFiles.read(file, ImageFiles.atMost(sideLimit(size)));
        } catch (IOException e) {
            throw unreadable(file, String.valueOf(e.getMessage()), e);
        }
        FairStorage.apply(img, size, channels, dst);
    }

    private static UserException unreadable(Path file, String why, Throwable cause) {
        return new UserException("Cannot decode image " + file.toAbsolutePath() + " (" + why
                + "). Replace it with a valid JPEG/PNG or delete it.", cause);
    }

    /** A visible .jpg, .jpeg or .png name, whatever the entry is. */
    static boolean hasImageName(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png"));
    }

    /**
     * The largest side decoded for output side {@code size}: 4× the output, but at least
     * {@value #MIN_SIDE_LIMIT} px so that ordinary photos (ImageNet's reach a few thousand pixels)
     * still load; an RGB image at the limit decodes to 64 MB.
     */
    static int sideLimit(int size) {
        return Math.max(4 * size, MIN_SIDE_LIMIT);
    }

    static final int MIN_SIDE_LIMIT = 4096;
}
