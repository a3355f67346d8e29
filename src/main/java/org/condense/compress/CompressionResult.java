package org.condense.compress;

import java.util.List;
import java.util.Map;

/**
 * @param parameters the method's resolved parameters, recorded in the manifest
 * @param factor combine factor of the images (1 when each image is one source image)
 */
public record CompressionResult(List<CompressedImage> images, Map<String, Object> parameters, int factor) {}
