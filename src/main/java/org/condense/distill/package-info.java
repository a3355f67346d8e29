/**
 * Distillation baselines: methods that need a trained teacher ({@code --teacher DIR}) and
 * synthesise or re-cut images rather than keep whole real ones. {@link org.condense.distill.RdedDistillation}
 * (RDED: teacher-scored crops combined f×f), {@link org.condense.distill.Sre2lDistillation}
 * (SRe2L: pixels optimised against the teacher's cross-entropy and BN statistics) and
 * {@link org.condense.distill.CdaDistillation} (SRe2L with a crop-scale curriculum),
 * {@link org.condense.distill.LpldDistillation} (LPLD: SRe2L class by class against class-aware BN
 * statistics) and {@link org.condense.distill.DwaDistillation} (DWA: SRe2L from real images with the
 * teacher's weights perturbed per batch); the last four share
 * {@link org.condense.distill.PixelDistillation}'s loop and differ only through its hooks. Also
 * {@link org.condense.distill.GvbsmDistillation} (G-VBSM: several teachers in turn, BN and conv
 * statistics against EMA'd batch statistics, Gram-eigenvalue densification). Each finished
 * class or batch is kept in the compressor's work folder, so a rerun continues an interrupted run.
 */
package org.condense.distill;
