/**
 * The paper's analyses of a compressed dataset under a trained observer network: predictive
 * entropy of each dataset ({@link org.condense.analyze.EntropyAnalysis}) and how NLL and entropy
 * change when the observer sees random crops instead of whole images
 * ({@link org.condense.analyze.CropAnalysis}). Both stream over the data in batches and write an
 * {@link org.condense.analyze.AnalysisTable}, the JSON the report renders.
 */
package org.condense.analyze;
