package org.condense.compress;

import java.util.List;
import java.util.Map;

/**
 * @param parameters the method's resolved parameters, recorded in the manifest
 * @param factor combine factor of the images (1 when each image is one source image)
 * @param resumedSeconds seconds that earlier, interrupted processes spent on the parts this run
 *     resumed from (0 for a run made in one go)
 */
public record CompressionResult(List<CompressedImage> images, Map<String, Object> parameters, int factor,
        double resumedSeconds) {

    public CompressionResult(List<CompressedImage> images, Map<String, Object> parameters, int factor) {
        this(images, parameters, factor, 0);
    }
}
