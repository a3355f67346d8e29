package org.condense.labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.condense.UserException;
import org.condense.io.Hashing;
import org.condense.train.BatchLoader;
import org.condense.train.SoftLabelSource;

/**
 * A folder written by {@link Relabel}, opened for training: checked against the run's inputs,
 * optionally label-pruned, and read batch by batch from disk (nothing is held in memory).
 */
public final class StoredLabels implements SoftLabelSource {
    private final Path dir;
    private final LabelHeader header;
    private final LabelLayout layout;
    private final double prune;
    private final LabelSelect select;
    private final long pool;

    private StoredLabels(Path dir, LabelHeader header, double prune, LabelSelect select, long pool) {
        this.dir = dir;
        this.header = header;
        this.layout = header.layout();
        this.prune = prune;
        this.select = select;
        this.pool = pool;
    }

    /** Opens a complete label folder and checks every epoch file against its size and hash in the index. */
    public static StoredLabels open(Path dir) {
        Path file = dir.resolve(LabelLayout.HEADER);
        if (!Files.isRegularFile(file)) {
            throw new UserException("no stored labels in " + dir + " (" + LabelLayout.HEADER + " missing); make them "
                    + "with `condense relabel`");
        }
        LabelHeader h;
        try {
            h = Relabel.JSON.readValue(file.toFile(), LabelHeader.class);
        } catch (IOException e) {
            throw new UserException("label index " + file + " is corrupt (" + e.getMessage().split("\n")[0]
                    + "); relabel");
        }
        boolean topK = h.topK() != null;
        if (!LabelHeader.FORMAT.equals(h.format())
                || h.version() != (topK ? LabelHeader.VERSION_TOP_K : LabelHeader.VERSION)) {
            throw new UserException(file + " is not a condense label index of version " + LabelHeader.VERSION + " or "
                    + LabelHeader.VERSION_TOP_K + " (top-k); relabel");
        }
        if (topK && (h.topK() < 1 || h.topK() >= h.classes() || h.topKTemperature() == null
                || !(h.topKTemperature() > 0))) {
            throw new UserException("label index " + file + " is inconsistent (top_k " + h.topK() + " of " + h.classes()
                    + " classes, temperature " + h.topKTemperature() + "); it was tampered with, relabel");
        }
        if (!h.complete() || h.files() == null) {
            throw new UserException("labels in " + dir + " are incomplete; rerun the same `condense relabel` to finish them");
        }
        if (h.layout().batchesPerEpoch() != h.batchesPerEpoch() || h.layout().recordsTotal() != h.recordsTotal()
                || h.recordsStored() < 1 || h.recordsStored() > h.recordsTotal()) {
            throw new UserException("label index " + file + " is inconsistent (batch counts); it was tampered with, relabel");
        }
        StoredLabels labels = new StoredLabels(dir, h, 0, LabelSelect.DEFAULT, h.recordsStored());
        labels.checkFiles();
        return labels;
    }

    private void checkFiles() {
        for (int e = 0; e < header.epochs() && layout.batchesStored(e) > 0; e++) {
            int rows = layout.rows(e);
            expect(LabelLayout.logitsFile(e), NpyHeader.matrix(header.logitsDtype(), rows, header.logitColumns()));
            if (header.topK() != null) {
                expect(LabelLayout.classesFile(e), Relabel.classesShape(header, rows));
            }
            expect(LabelLayout.samplesFile(e), NpyHeader.vector("<i4", rows));
            expect(LabelLayout.augmentFile(e), NpyHeader.matrix(header.augmentDtype(), rows,
                    header.augmentColumns().size()));
        }
    }

    private void expect(String name, NpyHeader shape) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new UserException("labels in " + dir + " lack " + name + "; relabel");
        }
        NpyHeader found = NpyHeader.read(f);
        LabelHeader.FileEntry entry = header.files().get(name);
        if (!found.equals(shape) || entry == null || entry.bytes() != found.fileBytes()) {
            throw new UserException("label file " + name + " in " + dir + " does not match its index (shape or size); "
                    + "it was tampered with, relabel");
        }
        // reading every file once costs little next to training on it, and catches edited values
        try {
            if (!Hashing.sha256(f).equals(entry.sha256())) {
                throw new UserException("label file " + name + " in " + dir + " does not match the sha256 in its index;"
                        + " it was changed after relabel, relabel");
            }
        } catch (IOException e) {
            throw new UserException("cannot read label file " + f + ": " + e.getMessage());
        }
    }

    /**
     * Refuses labels made from other data, another teacher, another protocol or seed.
     *
     * @param teacherSha256 the teacher given for this run, or null (none needed)
     */
    public StoredLabels checkInputs(String datasetSha256, String protocolSha256, long seed, String teacherSha256) {
        if (!header.datasetSha256().equals(datasetSha256)) {
            throw new UserException("labels in " + dir + " were made for other data (dataset sha256 "
                    + abbrev(header.datasetSha256()) + ", this data " + abbrev(datasetSha256) + "); relabel this data");
        }
        if (!header.protocolSha256().equals(protocolSha256)) {
            throw new UserException("labels in " + dir + " were made under other epochs, batch size or augmentation "
                    + "(protocol sha256 " + abbrev(header.protocolSha256()) + ", this run " + abbrev(protocolSha256)
                    + "); relabel with this protocol");
        }
        if (header.seed() != seed) {
            throw new UserException("labels in " + dir + " were made for seed " + header.seed() + ", not " + seed
                    + "; relabel with --seed " + seed + " or run with --seeds " + header.seed());
        }
        if (teacherSha256 != null && !header.teacherSha256().equals(teacherSha256)) {
            throw new UserException("labels in " + dir + " were made by another teacher (weights sha256 "
                    + abbrev(header.teacherSha256()) + ", --teacher " + abbrev(teacherSha256) + ")");
        }
        return this;
    }

    /**
     * Refuses top-k labels under another temperature: their one logit for the other classes keeps
     * those classes' probability mass only at the temperature it was computed for.
     */
    public StoredLabels checkTemperature(double temperature) {
        if (header.topK() != null && Math.abs(header.topKTemperature() - temperature) > 1e-9) {
            throw new UserException("top-" + header.topK() + " labels in " + dir + " were made for temperature "
                    + header.topKTemperature() + ", this run uses " + temperature + "; relabel with this protocol");
        }
        return this;
    }

    /** The same labels with LPLD pruning at ratio {@code r} (0: every record, in order), batches drawn from the pool. */
    public StoredLabels pruned(double r) {
        return pruned(r, LabelSelect.DEFAULT);
    }

    /**
     * The same labels with LPLD pruning at ratio {@code r} under rule {@code select}; at 0 every
     * record is replayed in order whatever the rule, so the rule is then the default.
     */
    public StoredLabels pruned(double r, LabelSelect select) {
        LabelSelect rule = r == 0 ? LabelSelect.DEFAULT : select;
        long keep = r == 0 ? layout.recordsTotal() : rule.kept(header.epochs(), layout.batchesPerEpoch(), r);
        if (keep > header.recordsStored()) {
            String again = rule == LabelSelect.DEFAULT ? "" : " --label-select " + rule.id();
            throw new UserException(String.format("labels in %s hold %d of %d batch records (made with label pruning %s);"
                    + " pruning %s needs %d: relabel with%s --label-prune %s or less", dir, header.recordsStored(),
                    layout.recordsTotal(), header.labelPrune(), r, keep, again, r));
        }
        return new StoredLabels(dir, header, r, rule, keep);
    }

    public LabelHeader header() {
        return header;
    }

    public double prune() {
        return prune;
    }

    /** How a pruned run picks its records (the default when not pruned). */
    public LabelSelect select() {
        return select;
    }

    /** Batch records this run draws from. */
    public long recordsUsed() {
        return pool;
    }

    /** SHA-256 of the index, which names every file's hash: identifies the labels in run keys. */
    public String sha256() {
        try {
            return Hashing.sha256(dir.resolve(LabelLayout.HEADER));
        } catch (IOException e) {
            throw new UserException("cannot read " + dir.resolve(LabelLayout.HEADER) + ": " + e.getMessage());
        }
    }

    /**
     * Bytes of label files the run uses: the index, and for each epoch file the header and the
     * rows of the records kept (whole files when relabel stored exactly the kept records).
     */
    public long bytesUsed() {
        try {
            long bytes = Files.size(dir.resolve(LabelLayout.HEADER));
            LabelLayout used = new LabelLayout(header.images(), header.batchSize(), header.epochs(), pool);
            for (int e = 0; e < header.epochs() && used.batchesStored(e) > 0; e++) {
                int rows = used.rows(e);
                bytes += NpyHeader.matrix(header.logitsDtype(), rows, header.logitColumns()).fileBytes();
                if (header.topK() != null) {
                    bytes += Relabel.classesShape(header, rows).fileBytes();
                }
                bytes += NpyHeader.vector("<i4", rows).fileBytes();
                bytes += NpyHeader.matrix(header.augmentDtype(), rows, header.augmentColumns().size()).fileBytes();
            }
            return bytes;
        } catch (IOException e) {
            throw new UserException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public List<BatchLoader.Slice> epoch(int epoch) {
        int nb = layout.batchesPerEpoch();
        List<BatchLoader.Slice> out = new ArrayList<>(nb);
        if (prune == 0) {
            int[] samples = samples(epoch, 0, layout.rows(epoch));
            for (int b = 0; b < nb; b++) {
                int from = b * header.batchSize();
                out.add(new BatchLoader.Slice(epoch, b,
                        java.util.Arrays.copyOfRange(samples, from, from + layout.batchRows(b))));
            }
            return out;
        }
        for (long g : select.draw(header.seed(), epoch, nb, pool)) {
            int e = (int) (g / nb);
            int b = (int) (g % nb);
            out.add(new BatchLoader.Slice(e, b,
                    samples(e, b * header.batchSize(), layout.batchRows(b))));
        }
        return out;
    }

    /** The slice's logits, {@code rows × classes}; for top-k labels rebuilt with the others' one logit. */
    @Override
    public float[] logits(BatchLoader.Slice slice) {
        int columns = header.logitColumns();
        int rows = slice.indices().length;
        long from = (long) slice.batch() * header.batchSize();
        int epochRows = layout.rows(slice.epoch());
        ByteBuffer b = read(LabelLayout.logitsFile(slice.epoch()), NpyHeader.matrix(header.logitsDtype(), epochRows,
                columns), from, rows);
        float[] stored = new float[rows * columns];
        boolean half = header.logitsDtype().equals("<f2");
        for (int i = 0; i < stored.length; i++) {
            stored[i] = half ? Half.toFloat(b.getShort()) : b.getFloat();
        }
        if (header.topK() == null) {
            return stored;
        }
        int k = header.topK();
        int c = header.classes();
        int[] classes = ints(LabelLayout.classesFile(slice.epoch()), Relabel.classesShape(header, epochRows), from, rows);
        float[] out = new float[rows * c];
        float[] values = new float[k + 1];
        int[] indices = new int[k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(stored, r * columns, values, 0, k + 1);
            System.arraycopy(classes, r * k, indices, 0, k);
            for (int j = 0; j < k; j++) {
                if (indices[j] < 0 || indices[j] >= c) {
                    throw new UserException("label file " + LabelLayout.classesFile(slice.epoch()) + " in " + dir
                            + " names class " + indices[j] + " of " + c + "; it was tampered with, relabel");
                }
            }
            TopKLogits.rebuild(values, indices, k, c, out, r * c);
        }
        return out;
    }

    /** Rows {@code [from, from + count)} of the augmentation record of {@code epoch}, row-major. */
    public int[] augment(int epoch, int from, int count) {
        return ints(LabelLayout.augmentFile(epoch), NpyHeader.matrix(header.augmentDtype(), layout.rows(epoch),
                header.augmentColumns().size()), from, count);
    }

    private int[] samples(int epoch, int from, int count) {
        return ints(LabelLayout.samplesFile(epoch), NpyHeader.vector("<i4", layout.rows(epoch)), from, count);
    }

    private int[] ints(String name, NpyHeader shape, long from, int count) {
        ByteBuffer b = read(name, shape, from, count);
        int[] out = new int[count * shape.columns()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape.itemSize() == 2 ? b.getShort() : b.getInt();
        }
        return out;
    }

    private ByteBuffer read(String name, NpyHeader shape, long fromRow, int rows) {
        Path f = dir.resolve(name);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(rows * shape.rowBytes())).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long at = shape.dataOffset() + fromRow * shape.rowBytes();
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    throw new UserException("label file " + f + " ended early; it was truncated, relabel");
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot read label file " + f + ": " + e.getMessage());
        }
        return b.flip();
    }

    private static String abbrev(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
    }
}
