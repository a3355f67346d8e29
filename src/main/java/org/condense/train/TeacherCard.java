package org.condense.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.condense.model.NetworkSpec;

/**
 * {@code card.json} beside a trained teacher's weights: what it was trained on and how well it
 * does, so that soft-label evaluation can refuse a teacher of another dataset.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeacherCard(
        String dataset,
        List<String> classes,
        NetworkSpec network,
        String protocol,
        int epochs,
        long seed,
        double testTop1,
        double testTop5,
        float[] mean,
        float[] std,
        double wallSeconds,
        String codeVersion) {}
