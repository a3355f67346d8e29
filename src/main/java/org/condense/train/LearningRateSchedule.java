package org.condense.train;

/** Learning rate as a function of the (0-based) epoch. */
@FunctionalInterface
public interface LearningRateSchedule {
    double lr(int epoch);

    static LearningRateSchedule create(String name, double baseLr, int epochs) {
        switch (name) {
            case "cosine":
                return new CosineSchedule(baseLr, epochs);
            case "constant":
                return epoch -> baseLr;
            default:
                throw new org.condense.UserException(
                        "unknown schedule '" + name + "'; choose one of: cosine, constant");
        }
    }
}
