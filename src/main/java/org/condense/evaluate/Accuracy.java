package org.condense.evaluate;

/** Test accuracy in percent: top-1, top-5 and top-1 per class. */
public record Accuracy(double top1, double top5, double[] perClass, int samples) {}
