package org.condense;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What made a result, for the record only: the build's git commit (and whether its tree had
 * uncommitted changes), the DJL and libtorch versions it was built against, the device, the
 * intra-op threads and the time. None of it enters a run key: a run keeps its key across builds
 * and machines, and its provenance says where the recorded numbers came from.
 *
 * @param commit the build's commit, or {@code unknown} when it was built without git
 * @param dirty whether that tree had uncommitted changes to tracked files, or null if unknown
 * @param threads intra-op threads ({@code OMP_NUM_THREADS}, else the processors the JVM sees)
 * @param utc when the result was written, ISO 8601 in UTC
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(String commit, Boolean dirty, String djl, String libtorch, String device, int threads,
        String utc) {

    /** This process's provenance, stamped now. */
    public static Provenance now() {
        String dirty = Version.property("git.dirty");
        return new Provenance(Version.property("git.commit"), dirty.equals("unknown") ? null : Boolean.valueOf(dirty),
                Version.property("djl.version"), Version.property("libtorch.version"),
                "cpu (" + System.getProperty("os.arch") + ")", intraOpThreads(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The threads libtorch uses: as bench sets them for DJL, else {@code OMP_NUM_THREADS}, else one per processor. */
    static int intraOpThreads() {
        for (String value : new String[] {System.getProperty("ai.djl.pytorch.num_threads"), System.getenv("OMP_NUM_THREADS")}) {
            try {
                if (value != null && Integer.parseInt(value.trim()) > 0) {
                    return Integer.parseInt(value.trim());
                }
            } catch (NumberFormatException e) {
                // libtorch ignores a malformed value too
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
