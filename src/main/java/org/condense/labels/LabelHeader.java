package org.condense.labels;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code labels.json}, the index of a stored soft-label folder: what the labels were made from
 * (by SHA-256), how the records are cut, and, once complete, each file's size and hash.
 *
 * @param protocolSha256 hash of the protocol fields that decide the records: epochs, batch_size, augment
 * @param recordsStored batch records kept on disk: the first ones in (epoch, batch) order
 * @param labelPrune the pruning ratio the records were generated for (0: all of them)
 * @param topK null: every class's logit is stored; K: only each row's K largest logits, their class
 *     indices and one logit for every other class (version 2)
 * @param topKTemperature the temperature at which the other classes' logit keeps their probability mass
 * @param files once complete: file name → {bytes, sha256}; null while generating
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelHeader(
        String format,
        int version,
        String datasetSha256,
        String teacherSha256,
        String protocolSha256,
        ObjectNode protocol,
        long seed,
        int epochs,
        int batchSize,
        int images,
        int classes,
        int channels,
        int height,
        int width,
        int batchesPerEpoch,
        long recordsTotal,
        long recordsStored,
        double labelPrune,
        String logitsDtype,
        String augmentDtype,
        List<String> augmentColumns,
        boolean cropsRecorded,
        String mix,
        Integer topK,
        Double topKTemperature,
        boolean complete,
        Map<String, FileEntry> files) {

    public static final String FORMAT = "condense-soft-labels";
    /** Version of full-logit folders; top-k folders are {@link #VERSION_TOP_K}, which older readers refuse. */
    public static final int VERSION = 1;
    public static final int VERSION_TOP_K = 2;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileEntry(long bytes, String sha256) {}

    LabelHeader completed(Map<String, FileEntry> entries) {
        return new LabelHeader(format, version, datasetSha256, teacherSha256, protocolSha256, protocol, seed, epochs,
                batchSize, images, classes, channels, height, width, batchesPerEpoch, recordsTotal, recordsStored,
                labelPrune, logitsDtype, augmentDtype, augmentColumns, cropsRecorded, mix, topK, topKTemperature, true, entries);
    }

    /** The same inputs and cut: everything but completion. */
    LabelHeader inProgress() {
        return new LabelHeader(format, version, datasetSha256, teacherSha256, protocolSha256, protocol, seed, epochs,
                batchSize, images, classes, channels, height, width, batchesPerEpoch, recordsTotal, recordsStored,
                labelPrune, logitsDtype, augmentDtype, augmentColumns, cropsRecorded, mix, topK, topKTemperature, false, null);
    }

    /** Stored classes per row: top-k or all. */
    int kept() {
        return topK == null ? classes : topK;
    }

    /** Columns of the logits files: the top-k logits and the others' one logit, or every class's. */
    int logitColumns() {
        return topK == null ? classes : topK + 1;
    }

    LabelLayout layout() {
        return new LabelLayout(images, batchSize, epochs, recordsStored);
    }
}
