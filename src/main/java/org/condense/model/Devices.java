package org.condense.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.condense.UserException;

/**
 * The one device this process computes on, chosen once by {@code --device} (default: the CPU)
 * and handed to every manager that holds a network or its batches through {@link #newManager()}.
 * DJL itself would pick the first GPU whenever a CUDA build sees one; condense only uses a GPU
 * when asked. All GPU-specific code of condense is here.
 */
public final class Devices {

    private static final Pattern SPEC = Pattern.compile("cpu|gpu(?::(\\d{1,3}))?");

    private static volatile Device selected = Device.cpu();

    private Devices() {}

    /** {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. */
    public static Device parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SPEC.matcher(t);
        if (!m.matches()) {
            throw new UserException("unknown device '" + text + "'; use --device cpu, gpu or gpu:N (N = 0 for the first GPU)");
        }
        return t.equals("cpu") ? Device.cpu() : Device.gpu(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    /** Makes {@code device} the one {@link #newManager()} uses; a GPU must exist and the engine must reach it. */
    public static void select(Device device) {
        if (device.isGpu()) {
            requireGpu(device);
        }
        selected = device;
    }

    public static Device selected() {
        return selected;
    }

    /**
     * A root manager on the selected device: networks, optimiser state and batches live there.
     * It also switches libtorch's gradient recording off for the calling thread: the switch is
     * per thread, DJL turns it off only on the thread that loaded the engine, and the in-place
     * updates of parameters (optimisers, pixel updates) are refused where it is on. A
     * {@code GradientCollector} turns it on for its backward pass only.
     */
    public static NDManager newManager() {
        NDManager manager = NDManager.newBaseManager(selected);
        try {
            SET_GRAD_MODE.invokeExact(false);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot switch libtorch's gradient recording off", t);
        }
        return manager;
    }

    /** {@code JniUtils.setGradMode(boolean)} of DJL's PyTorch engine, a run-time dependency only. */
    private static final MethodHandle SET_GRAD_MODE = gradModeSetter();

    private static MethodHandle gradModeSetter() {
        try {
            Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils", false, Devices.class.getClassLoader());
            return MethodHandles.publicLookup().findStatic(jni, "setGradMode", MethodType.methodType(void.class, boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void requireGpu(Device device) {
        int count = Engine.getInstance().getGpuCount();
        if (count == 0) {
            throw new UserException("--device " + name(device) + " asks for a GPU but this machine has none that "
                    + "CUDA can see; use --device cpu, or a machine with an NVIDIA GPU and a build made with -Pcuda");
        }
        if (device.getDeviceId() >= count) {
            throw new UserException("--device " + name(device) + " asks for GPU " + device.getDeviceId() + " but only "
                    + count + " GPU(s) are visible (numbered from 0); use --device gpu:0 to gpu:" + (count - 1));
        }
        try (NDManager m = NDManager.newBaseManager(device)) {
            m.ones(new ai.djl.ndarray.types.Shape(1)).sum().getFloat();
        } catch (RuntimeException e) {
            throw new UserException("--device " + name(device) + ": the PyTorch library in use cannot compute on the GPU ("
                    + e.getMessage() + "); build with `mvn -Pcuda package` to get the CUDA one");
        }
    }

    private static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
