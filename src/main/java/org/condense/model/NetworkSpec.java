package org.condense.model;

import java.util.Locale;

/**
 * What network to build. Blank/null fields and non-positive width/depth take the defaults:
 * norm "instance" for convnet, "layer" for swinv2t and "batch" otherwise; stem "auto" = "cifar" when
 * {@code imageSize <= 64}, else "imagenet" (resolved here, so the record says what is built);
 * width 128 (ConvNet: channels per layer), 64 (ResNet: the stem's and first stage's channels) or 96
 * (Swin: the embedding width) and depth 3
 * (ConvNet only). Names are lower-cased; validity is checked by
 * {@link Networks#create}.
 *
 * <p>Stems: "cifar" and "imagenet" for the ResNets, MobileNetV2, EfficientNet-B0 and Swin-V2-T. The ConvNet has no stem and
 * treats both alike; it also accepts "dc", the reference DC/DM/MTT code's quirk of padding the
 * first conv by 3 for one-channel images (MNIST: 28 px → 32 → 16 → 8 → 4).
 */
public record NetworkSpec(String name, int channels, int imageSize, int numClasses,
                          String norm, String stem, int width, int depth) {

    public static final int DEFAULT_WIDTH = 128;
    public static final int DEFAULT_DEPTH = 3;

    public NetworkSpec {
        name = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        norm = blank(norm) ? defaultNorm(name) : lower(norm);
        stem = blank(stem) || lower(stem).equals("auto") ? (imageSize <= 64 ? "cifar" : "imagenet") : lower(stem);
        width = width > 0 ? width : defaultWidth(name);
        depth = depth > 0 ? depth : DEFAULT_DEPTH;
    }

    /**
     * ConvNet: channels per layer (128); ResNet: the stem's and first stage's channels (torchvision's 64);
     * Swin: the embedding width (96). MobileNetV2 and EfficientNet-B0 have no width option.
     */
    static int defaultWidth(String name) {
        if (name.equals("swinv2t")) {
            return SwinTransformerV2.EMBED_DIM;
        }
        return name.startsWith("resnet") ? ResNet.BASE_WIDTH : DEFAULT_WIDTH;
    }

    /** instance for the ConvNet, layer for Swin (its only norm), batch for the others. */
    static String defaultNorm(String name) {
        return switch (name) {
            case "convnet" -> "instance";
            case "swinv2t" -> "layer";
            default -> "batch";
        };
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
