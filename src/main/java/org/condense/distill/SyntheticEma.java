package org.condense.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.condense.io.AtomicFiles;

/**
 * The synthetic side of G-VBSM's statistics: per teacher and tapped layer, an exponential moving
 * average of the batch statistics over the iterations (and batches: the authors' hooks live for
 * the whole run). As their {@code BNFeatureHook}/{@code ConvFeatureHook}: the first value is taken
 * as is, then {@code ema ← α·ema + (1 − α)·current}; the value matched is the updated EMA, the
 * gradient that of the current batch alone ({@code ema + cur − cur.detach()}).
 *
 * <p>The state is part of a run's progress: it is saved with each finished batch so that a
 * resumed run continues bit-identically.
 */
final class SyntheticEma {
    private final float alpha;
    private final List<TreeMap<Integer, float[][]>> state = new ArrayList<>();

    SyntheticEma(double alpha, int teachers) {
        this.alpha = (float) alpha;
        for (int t = 0; t < teachers; t++) {
            state.add(new TreeMap<>());
        }
    }

    /**
     * Folds {@code current} (the statistics of layer {@code layer} of teacher {@code teacher} for
     * this step) into the average; returns, per statistic, the average with the gradient of {@code current}.
     */
    NDArray[] track(int teacher, int layer, NDArray[] current, NDManager manager) {
        float[][] ema = state.get(teacher).get(layer);
        float[][] now = new float[current.length][];
        for (int k = 0; k < current.length; k++) {
            now[k] = current[k].toFloatArray();
        }
        if (ema == null) {
            ema = now;
            state.get(teacher).put(layer, ema);
        } else {
            if (ema.length != now.length) {
                throw new IllegalStateException("layer " + layer + " of teacher " + teacher + " changed its statistics");
            }
            for (int k = 0; k < now.length; k++) {
                for (int i = 0; i < now[k].length; i++) {
                    ema[k][i] = alpha * ema[k][i] + (1 - alpha) * now[k][i];
                }
            }
        }
        NDArray[] out = new NDArray[current.length];
        for (int k = 0; k < current.length; k++) {
            NDArray value = manager.create(ema[k], new Shape(ema[k].length));
            out[k] = value.add(current[k]).sub(current[k].stopGradient());
        }
        return out;
    }

    /** A deep copy (a replayed batch restarts from the state its first attempt started from). */
    SyntheticEma copy() {
        SyntheticEma c = new SyntheticEma(alpha, state.size());
        for (int t = 0; t < state.size(); t++) {
            for (var e : state.get(t).entrySet()) {
                float[][] v = new float[e.getValue().length][];
                for (int k = 0; k < v.length; k++) {
                    v[k] = e.getValue()[k].clone();
                }
                c.state.get(t).put(e.getKey(), v);
            }
        }
        return c;
    }

    /** The state as bytes, saved inside the batch file it belongs to (see {@link BatchStore}). */
    byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the statistics state", e);
        }
        return bytes.toByteArray();
    }

    /** The state encoded by {@link #toBytes()}, or null if missing or unreadable (the run then starts over). */
    static SyntheticEma fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            return null;
        }
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeFloat(alpha);
        out.writeInt(state.size());
        for (TreeMap<Integer, float[][]> layers : state) {
            out.writeInt(layers.size());
            for (var e : layers.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().length);
                for (float[] a : e.getValue()) {
                    out.writeInt(a.length);
                    for (float f : a) {
                        out.writeFloat(f);
                    }
                }
            }
        }
    }

    private static SyntheticEma read(DataInputStream in) throws IOException {
        float alpha = in.readFloat();
        int teachers = in.readInt();
        SyntheticEma ema = new SyntheticEma(alpha, teachers);
        for (int t = 0; t < teachers; t++) {
            int layers = in.readInt();
            for (int l = 0; l < layers; l++) {
                int layer = in.readInt();
                float[][] v = new float[in.readInt()][];
                for (int k = 0; k < v.length; k++) {
                    v[k] = new float[in.readInt()];
                    for (int i = 0; i < v[k].length; i++) {
                        v[k][i] = in.readFloat();
                    }
                }
                ema.state.get(t).put(layer, v);
            }
        }
        return ema;
    }
}
