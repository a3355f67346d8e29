/**
 * Choosing samples by a score vector: the easy or hard end of a ranking, class-balanced or
 * global ({@link org.condense.select.RankedSelection}), and coverage-centric coreset selection
 * ({@link org.condense.select.Ccs}). Pure functions of (scores, labels, seed); no I/O.
 */
package org.condense.select;
