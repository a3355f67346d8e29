package org.condense.score;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.condense.model.NetworkSpec;

/**
 * {@code card.json} beside a scores file: what the scores were computed on and how, so that
 * selection can refuse scores of another dataset.
 *
 * @param dataset the dataset's name as {@code ImageDataset.name()} gives it
 * @param k EL2N sums the first {@code k} epochs
 * @param seeds training seed of each run; the scores are the per-sample mean over runs
 * @param forgettingUnlearned {@code seen} or {@code zero}: forgetting of never-learned samples
 * @param aumMargin {@code logits} or {@code probabilities}
 * @param finalTrainAccuracy per run: fraction of correct predictions in the last epoch's
 *     train-mode augmented batches (what the scores saw, not a clean evaluation)
 * @param key hash of everything that determines the recorded dynamics
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoreCard(
        String format,
        String dataset,
        int datasetSize,
        List<String> classes,
        NetworkSpec network,
        String protocol,
        JsonNode protocolConfig,
        int epochs,
        int k,
        int runs,
        List<Long> seeds,
        String forgettingUnlearned,
        String aumMargin,
        List<Double> finalTrainAccuracy,
        List<String> scores,
        String key,
        double wallSeconds,
        String codeVersion) {

    public static final String FORMAT = "condense-scores/1";
}
