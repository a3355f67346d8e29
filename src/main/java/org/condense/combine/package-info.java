/**
 * Combine: whole images laid out as an f×f grid of tiles in one stored image (PCA's composites).
 * The tile geometry is {@link org.condense.augment.TileGrid}, shared with the patch
 * augmentations that read the tiles back during training.
 */
package org.condense.combine;
