package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.condense.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path tmp;

    private static void copyFashionFixture(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")) {
            Files.copy(Fixtures.FASHION_MNIST_DIR.resolve(f), dir.resolve(f));
        }
    }

    @Test
    void searchOrderIsDataDirThenEnvironmentThenKnownPlaces() {
        Path project = tmp.resolve("checkout/condense");
        Path work = tmp.resolve("elsewhere/runs");
        Path home = tmp.resolve("home");
        List<DataLocator.Root> roots = DataLocator.roots(tmp.resolve("mine"),
                tmp.resolve("env1") + java.io.File.pathSeparator + tmp.resolve("env2"), project, work, home);
        List<Path> dirs = roots.stream().map(DataLocator.Root::dir).toList();
        // ../shared beside the launcher's project first, then beside the working folder; no machine's own path
        assertEquals(List.of(tmp.resolve("mine"), tmp.resolve("env1"), tmp.resolve("env2"),
                tmp.resolve("checkout/shared/datasets"), tmp.resolve("elsewhere/shared/datasets"),
                Path.of("/usr/share/datasets"), home.resolve(".condense/datasets")), dirs);
        assertEquals("--data-dir", roots.get(0).origin());
        assertEquals("$CONDENSE_DATA", roots.get(1).origin());
        assertEquals("../shared/datasets beside condense", roots.get(3).origin());
        // started from the project folder (tests, CI): one root for both
        List<Path> fromProject = DataLocator.roots(null, null, project, project, home).stream()
                .map(DataLocator.Root::dir).toList();
        assertEquals(List.of(tmp.resolve("checkout/shared/datasets"), Path.of("/usr/share/datasets"),
                home.resolve(".condense/datasets")), fromProject);
    }

    @Test
    void aFolderListedTwiceIsSearchedOnce() {
        List<DataLocator.Root> roots = DataLocator.roots(Path.of("/usr/share/datasets"), null, null, tmp, tmp);
        assertEquals(1, roots.stream().filter(r -> r.dir().equals(Path.of("/usr/share/datasets"))).count());
        assertEquals("--data-dir", roots.get(0).origin());
    }

    @Test
    void findsTheUsualFolderNamesAndTheRootItself() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        Files.createDirectories(a.resolve("cifar10/cifar-10-batches-bin"));
        Files.writeString(a.resolve("cifar10/cifar-10-batches-bin/data_batch_1.bin"), "");
        Files.createDirectories(b.resolve("cifar-10-batches-bin"));
        Files.writeString(b.resolve("cifar-10-batches-bin/test_batch.bin"), "");
        copyFashionFixture(c);
        DataLocator locator = new DataLocator(List.of(new DataLocator.Root(a, "x"), new DataLocator.Root(b, "y"),
                new DataLocator.Root(c, "z")));
        assertEquals(a.resolve("cifar10/cifar-10-batches-bin"), locator.locate(KnownDataset.CIFAR10));
        assertEquals(c, locator.locate(KnownDataset.FASHION_MNIST));

        DataLocator later = new DataLocator(List.of(new DataLocator.Root(b, "y"), new DataLocator.Root(a, "x")));
        assertEquals(b.resolve("cifar-10-batches-bin"), later.locate(KnownDataset.CIFAR10), "first root wins");
    }

    @Test
    void missingDatasetListsEveryPlaceAndHowToGetIt() throws IOException {
        Path mine = tmp.resolve("mine");
        Path absent = tmp.resolve("absent");
        Files.createDirectories(mine.resolve("fashion-mnist")); // a folder without the files does not count
        DataLocator locator = new DataLocator(List.of(new DataLocator.Root(mine, "--data-dir"),
                new DataLocator.Root(absent, "$CONDENSE_DATA")));

        UserException e = assertThrows(UserException.class, () -> locator.locate(KnownDataset.FASHION_MNIST));
        String m = e.getMessage();
        assertTrue(m.contains("'fashion-mnist' not found"), m);
        assertTrue(m.contains(mine + " (--data-dir)"), m);
        assertTrue(m.contains(absent + " ($CONDENSE_DATA, missing)"), m);
        assertTrue(m.contains("sudo apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ into "
                + mine.resolve("fashion-mnist")), m);
        assertTrue(m.contains("t10k-labels-idx1-ubyte.gz"), m);

        m = assertThrows(UserException.class, () -> locator.locate(KnownDataset.CIFAR10)).getMessage();
        assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), m);
        assertTrue(m.contains("cifar10 or cifar-10-batches-bin"), m);
        assertTrue(m.contains(mine.resolve("cifar10").toString()), m);
        assertTrue(!m.contains("\n"), "one line for the CLI");
    }

    @Test
    void dataDirComesBeforeSystemLocations() throws IOException {
        copyFashionFixture(tmp.resolve("fashion-mnist"));
        DataOptions opts = DataOptions.defaults().withDataDir(tmp);
        ImageDataset ds = Datasets.open("Fashion-MNIST", Split.TRAIN, opts);
        assertEquals(20, ds.size(), "the 20-image fixture, not /usr/share/datasets");
        assertEquals("fashion-mnist", ds.name());
        assertEquals(tmp.resolve("fashion-mnist"), Datasets.locate("fashion-mnist", opts));
    }

    @Test
    void aPathToBinaryFilesOpensAsThatDataset() throws IOException {
        copyFashionFixture(tmp.resolve("my-fashion"));
        copyFashionFixture(tmp.resolve("digits"));
        ImageDataset fashion = Datasets.open(tmp.resolve("my-fashion").toString(), Split.TRAIN,
                DataOptions.defaults());
        assertEquals(IdxDataset.FASHION_MNIST_CLASSES, fashion.classNames());
        ImageDataset digits = Datasets.open(tmp.resolve("digits").toString(), Split.TRAIN, DataOptions.defaults());
        assertEquals(IdxDataset.MNIST_CLASSES, digits.classNames());
        assertEquals("mnist", digits.name());
    }

    @Test
    void aPathToAnImageFolderUsesTheOptions() {
        TestImages.write(tmp.resolve("train/x/1.png"), TestImages.solid(5, 3, TestImages.RED));
        ImageDataset ds = Datasets.open(tmp.toString(), Split.TRAIN, DataOptions.defaults().withImageSize(4)
                .withChannels(1));
        assertInstanceOf(ImageFolderDataset.class, ds);
        assertEquals(4, ds.height());
        assertEquals(1, ds.channels());
        assertEquals(tmp, Datasets.locate(tmp.toString(), DataOptions.defaults()));
    }

    @Test
    void unknownNameListsTheKnownNames() {
        UserException e = assertThrows(UserException.class,
                () -> Datasets.open("imagenet-7", Split.TRAIN, DataOptions.defaults()));
        assertTrue(e.getMessage().contains("cifar10, fashion-mnist, mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThrows(UserException.class, () -> DataOptions.defaults().withChannels(2));
        assertThrows(UserException.class, () -> DataOptions.defaults().withImageSize(0));
    }
}
