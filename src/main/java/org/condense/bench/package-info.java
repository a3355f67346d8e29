/**
 * The benchmark runner: a grid file expands into runs (dataset × method × IPC × protocol ×
 * network × seed) that share their artefacts (scores, compressed datasets), and every finished
 * run is appended to a {@link org.condense.bench.ResultStore}, so a rerun skips what is done.
 */
package org.condense.bench;
