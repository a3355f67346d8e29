package org.condense.cli;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.condense.UserException;

/**
 * libtorch's operator profiler through DJL's PyTorch engine, which is only a run-time dependency
 * (hence reflection): records every operator between {@link #start} and {@link #stop}.
 */
final class TorchProfiler {
    private TorchProfiler() {}

    static void start() {
        call("startProfile", new Class<?>[] {boolean.class, boolean.class, boolean.class}, false, false, false);
    }

    /** Writes the recorded operators to {@code file} as a Chrome trace. */
    static void stop(Path file) {
        call("stopProfile", new Class<?>[] {String.class}, file.toAbsolutePath().toString());
    }

    private static void call(String name, Class<?>[] types, Object... args) {
        try {
            Method m = Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod(name, types);
            m.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new UserException("--trace needs DJL's PyTorch engine (" + e + "); run without --trace");
        }
    }
}
