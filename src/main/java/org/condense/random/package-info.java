/**
 * Seeded randomness shared by every stage (selection, augmentation, distillation): each random
 * choice draws from a generator derived from the run's seed and the choice's position, never
 * from a clock or a global generator, so reruns are bit-identical. No pipeline stage owns it.
 */
package org.condense.random;
