package org.condense.train;

/** Learning rate per epoch: {@code lr·½(1+cos(π·e/E))}, stepped once per epoch as in CDA/SRe2L. */
public final class CosineSchedule implements LearningRateSchedule {
    private final double baseLr;
    private final int epochs;

    public CosineSchedule(double baseLr, int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive: " + epochs);
        }
        this.baseLr = baseLr;
        this.epochs = epochs;
    }

    @Override
    public double lr(int epoch) {
        return baseLr * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
    }
}
