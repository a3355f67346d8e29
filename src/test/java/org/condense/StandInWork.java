package org.condense;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.condense.compress.Compressor;
import org.condense.compress.Manifest;
import org.condense.data.ImageDataset;
import org.condense.methods.CompressionMethods;
import org.condense.model.NetworkSpec;
import org.condense.score.Npy;
import org.condense.train.TeacherCard;

/**
 * A work folder for tests of run keys: {@code el2n.npy} scores of a dataset, an el2n dataset at IPC 2
 * made from them, and {@code teacher/} with a card and stand-in weights (keys read the card and hash
 * the weights; nothing trains).
 */
public final class StandInWork {
    private static final ObjectMapper SNAKE = new ObjectMapper(); // the card names its fields itself

    private StandInWork() {}

    /** Writes the folder under {@code root}, the dataset at {@code root/dataset}; returns {@code root}. */
    public static Path make(ImageDataset train, Path root, String dataset) throws Exception {
        Files.createDirectories(root);
        Files.write(root.resolve("el2n.npy"), Npy.encode(new SplittableRandom(1).doubles(train.size()).toArray()));
        Manifest m = Compressor.run(train, train.name(), CompressionMethods.get("el2n"), 2, 0,
                Map.of("scores", root.resolve("el2n.npy").toString()), root.resolve(dataset)).manifest();
        Path teacher = Files.createDirectories(root.resolve("teacher"));
        TeacherCard card = new TeacherCard(train.name(), train.classNames(),
                NetworkSpec.of("convnet", train.channels(), train.height(), train.numClasses()),
                "standard-hard", 1, 0, 50, 90, m.mean(), m.std(), 1, "test");
        SNAKE.writeValue(teacher.resolve("card.json").toFile(), card);
        Files.write(teacher.resolve("model.params"), "stand-in weights".getBytes(StandardCharsets.UTF_8));
        return root;
    }
}
