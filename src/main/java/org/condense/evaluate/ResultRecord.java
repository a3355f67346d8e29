package org.condense.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.condense.Provenance;
import org.condense.model.NetworkSpec;

/**
 * One evaluation run: a network trained on a (compressed) dataset under a protocol with one
 * seed, tested on the source test set. Storage counts images and labels honestly:
 * {@code bytesLabels} is measured (the dataset's own labels plus the stored soft-label files the
 * run used, after label pruning only the kept records); for an online teacher, which stores
 * nothing, {@code bytesSoftLabelsIfStored} estimates what pre-generated fp16 labels would take.
 *
 * @param teacher the online teacher as {@code sha256:} of its weights (a folder path in older records), or null
 * @param provenance the build, engine, device and time that produced it (null in older records); not part of the key
 * @param variant the method with its selection options (see {@code Manifest.variant()}); tables group seeds by it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResultRecord(
        String key,
        String data,
        String sourceDataset,
        String method,
        String variant,
        int ipc,
        long dataSeed,
        String protocol,
        ObjectNode protocolConfig,
        NetworkSpec network,
        String teacher,
        long seed,
        double top1,
        double top5,
        double[] perClass,
        int testImages,
        int trainImages,
        long bytesImages,
        long bytesLabels,
        long bytesSoftLabelsIfStored,
        double wallSeconds,
        String codeVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

    /** A record without provenance (records written before it was kept read as this). */
    public ResultRecord(String key, String data, String sourceDataset, String method, String variant, int ipc,
            long dataSeed, String protocol, ObjectNode protocolConfig, NetworkSpec network, String teacher, long seed,
            double top1, double top5, double[] perClass, int testImages, int trainImages, long bytesImages,
            long bytesLabels, long bytesSoftLabelsIfStored, double wallSeconds, String codeVersion) {
        this(key, data, sourceDataset, method, variant, ipc, dataSeed, protocol, protocolConfig, network, teacher, seed,
                top1, top5, perClass, testImages, trainImages, bytesImages, bytesLabels, bytesSoftLabelsIfStored,
                wallSeconds, codeVersion, null);
    }
}
