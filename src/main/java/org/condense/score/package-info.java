/**
 * Per-sample training-dynamics scores (EL2N, forgetting, AUM): recorded during a scoring run,
 * averaged over runs, saved as CSV / NumPy {@code .npy} with a JSON card, and imported back
 * (also from other tools) with validation against the dataset.
 */
package org.condense.score;
