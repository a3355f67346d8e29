package org.condense.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.condense.io.AtomicFiles;
import org.condense.model.Networks;

/** Saves and loads a teacher: {@code model.params} (DJL format) and {@code card.json}. */
public final class TeacherStore {
    /** The weights file in a teacher folder. */
    public static final String WEIGHTS = "model.params";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Cards are a few hundred bytes, plus class names (ImageNet's take about 30 kB). */
    private static final long MAX_CARD_BYTES = 16L << 20;

    private TeacherStore() {}

    /**
     * The card is written last and an earlier card is removed first: a folder with a card always
     * has the complete weights that card describes, even if a save over an older teacher is cut short.
     */
    public static void save(Path dir, Block model, TeacherCard card) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("card.json"));
        AtomicFiles.write(dir.resolve(WEIGHTS), out -> model.saveParameters(new DataOutputStream(out)));
        AtomicFiles.write(dir.resolve("card.json"), out -> JSON.writeValue(out, card));
    }

    public static TeacherCard card(Path dir) {
        Path file = dir.resolve("card.json");
        if (!Files.isRegularFile(file)) {
            throw new UserException("no teacher in " + dir + " (card.json missing); train one with "
                    + "`condense train --dataset NAME --model NAME --out " + dir + "`");
        }
        try {
            if (Files.size(file) > MAX_CARD_BYTES) {
                throw new UserException("teacher card " + file + " is " + Files.size(file) + " bytes, far more than a "
                        + "card; retrain the teacher");
            }
            JsonNode tree = JSON.readTree(file.toFile());
            TeacherCardCheck.check(file, tree);
            return JSON.treeToValue(tree, TeacherCard.class);
        } catch (IOException e) {
            throw new UserException("teacher card " + file + " is corrupt (" + e.getMessage().split("\n")[0]
                    + "); retrain the teacher");
        }
    }

    /** The card, after checking the teacher was trained on these classes in this order. */
    public static TeacherCard checkedCard(Path dir, List<String> expectedClasses) {
        TeacherCard card = card(dir);
        if (!card.classes().equals(expectedClasses)) {
            throw new UserException("teacher in " + dir + " was trained on " + card.dataset() + " with classes "
                    + card.classes() + ", but the data has classes " + expectedClasses + "; use a teacher of the same dataset");
        }
        if (!Files.isRegularFile(dir.resolve("model.params"))) {
            throw new UserException("teacher in " + dir + " has a card but no model.params (weights); retrain the "
                    + "teacher with `condense train --out " + dir + "`");
        }
        return card;
    }

    /**
     * The SHA-256 of the teacher's weights: what names the teacher in run keys and records, so a
     * moved teacher keeps its runs and one retrained in place does not. Read afresh each time:
     * no cache can tell a file rewritten within the same clock tick.
     */
    public static String weightsSha256(Path dir) {
        Path weights = dir.resolve(WEIGHTS).toAbsolutePath().normalize();
        try {
            return org.condense.io.Hashing.sha256(weights);
        } catch (IOException e) {
            throw new UserException("cannot read teacher weights " + weights + " (" + e.getMessage()
                    + "); retrain the teacher or give another --teacher");
        }
    }

    /**
     * Loads the teacher and checks it was trained on a dataset with the same classes in the same order.
     */
    public static Teacher load(Path dir, NDManager manager, List<String> expectedClasses) {
        TeacherCard card = checkedCard(dir, expectedClasses);
        Block block = Networks.create(card.network());
        Networks.initialize(block, manager, card.network(), 0);
        try (InputStream in = Files.newInputStream(dir.resolve(WEIGHTS))) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (IOException | MalformedModelException e) {
            throw new UserException("teacher weights " + dir.resolve(WEIGHTS) + " are missing or corrupt ("
                    + e.getMessage() + "); retrain the teacher");
        }
        return new Teacher(block, new ParameterStore(manager, false));
    }
}
