/**
 * {@code condense report}: renders a results store into Markdown and a self-contained HTML page —
 * the benchmark tables (mean ± std over seeds, Δ against Random), accuracy-vs-IPC charts, image
 * grids of the compressed datasets, score and class histograms, storage, and analysis tables.
 */
package org.condense.report;
