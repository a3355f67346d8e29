package org.condense.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.condense.UserException;
import org.condense.io.AtomicFiles;

/**
 * Gets Fashion-MNIST, the embedded default data, when it is missing: first from the Debian
 * package {@code dataset-fashion-mnist} (when apt-get may be run), then from the official
 * download site (when online); otherwise says exactly what to do.
 */
public final class DatasetInstaller {
    static final String PACKAGE = "dataset-fashion-mnist";
    static final String OFFICIAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private DatasetInstaller() {}

    public static void ensureFashionMnist(DataOptions options, Consumer<String> log) {
        if (isAvailable(options)) {
            return;
        }
        log.accept("Fashion-MNIST not found; installing the Debian package " + PACKAGE);
        if (tryApt(log) && isAvailable(options)) {
            return;
        }
        Path target = Path.of(System.getProperty("user.home"), ".condense", "datasets", "fashion-mnist");
        log.accept("trying the official download into " + target);
        if (tryDownload(target, log) && isAvailable(options)) {
            return;
        }
        throw new UserException("Fashion-MNIST is not installed and could not be fetched; run `sudo apt-get install "
                + PACKAGE + "` (files land in /usr/share/datasets/fashion-mnist), or put the four files " + FILES
                + " from " + OFFICIAL_URL + " into " + target);
    }

    private static boolean isAvailable(DataOptions options) {
        try {
            Datasets.locate("fashion-mnist", options);
            return true;
        } catch (UserException e) {
            return false;
        }
    }

    private static boolean tryApt(Consumer<String> log) {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return false;
        }
        List<String> prefix = isRoot() ? List.of() : (canSudo() ? List.of("sudo", "-n") : null);
        if (prefix == null) {
            log.accept("not root and no password-less sudo: cannot run apt-get");
            return false;
        }
        if (run(concat(prefix, List.of("apt-get", "install", "-y", PACKAGE)))) {
            return true;
        }
        return run(concat(prefix, List.of("apt-get", "update"))) && run(concat(prefix, List.of("apt-get", "install", "-y", PACKAGE)));
    }

    private static boolean tryDownload(Path target, Consumer<String> log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Files.createDirectories(target);
            for (String file : FILES) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(OFFICIAL_URL + file))
                        .timeout(Duration.ofMinutes(5)).build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    log.accept("download of " + file + " failed: HTTP " + response.statusCode());
                    return false;
                }
                try (InputStream in = response.body()) {
                    AtomicFiles.write(target.resolve(file), in::transferTo);
                }
            }
            return true;
        } catch (IOException e) {
            log.accept("download failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRoot() {
        return run(List.of("sh", "-c", "[ \"$(id -u)\" = 0 ]"));
    }

    private static boolean canSudo() {
        return run(List.of("sudo", "-n", "true"));
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            return p.waitFor(30, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
