package org.condense.model;

import java.util.Locale;

/**
 * What network to build. Blank/null fields and non-positive width/depth take the defaults:
 * norm "instance" for convnet and "batch" otherwise; stem "auto" = "cifar" when
 * {@code imageSize <= 64}, else "imagenet" (resolved here, so the record says what is built);
 * width 128 (ConvNet: channels per layer) or 64 (ResNet: the stem's and first stage's channels) and depth 3
 * (ConvNet only). Names are lower-cased; validity is checked by
 * {@link Networks#create}.
 *
 * <p>Stems: "cifar" and "imagenet" for the ResNets and MobileNetV2. The ConvNet has no stem and
 * treats both alike; it also accepts "dc", the reference DC/DM/MTT code's quirk of padding the
 * first conv by 3 for one-channel images (MNIST: 28 px → 32 → 16 → 8 → 4).
 */
public record NetworkSpec(String name, int channels, int imageSize, int numClasses,
                          String norm, String stem, int width, int depth) {

    public static final int DEFAULT_WIDTH = 128;
    public static final int DEFAULT_DEPTH = 3;

    public NetworkSpec {
        name = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        norm = blank(norm) ? (name.equals("convnet") ? "instance" : "batch") : lower(norm);
        stem = blank(stem) || lower(stem).equals("auto") ? (imageSize <= 64 ? "cifar" : "imagenet") : lower(stem);
        width = width > 0 ? width : defaultWidth(name);
        depth = depth > 0 ? depth : DEFAULT_DEPTH;
    }

    /** ConvNet: channels per layer (128); ResNet: the stem's and first stage's channels (torchvision's 64). */
    static int defaultWidth(String name) {
        return name.startsWith("resnet") ? ResNet.BASE_WIDTH : DEFAULT_WIDTH;
    }

    /** A spec with every optional field at its default. */
    public static NetworkSpec of(String name, int channels, int imageSize, int numClasses) {
        return new NetworkSpec(name, channels, imageSize, numClasses, null, null, 0, 0);
    }

    public NetworkSpec withNorm(String newNorm) {
        return new NetworkSpec(name, channels, imageSize, numClasses, newNorm, stem, width, depth);
    }

    public NetworkSpec withStem(String newStem) {
        return new NetworkSpec(name, channels, imageSize, numClasses, norm, newStem, width, depth);
    }

    public NetworkSpec withWidthDepth(int newWidth, int newDepth) {
        return new NetworkSpec(name, channels, imageSize, numClasses, norm, stem, newWidth, newDepth);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
