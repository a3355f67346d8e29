package org.condense.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.condense.UserException;
import org.junit.jupiter.api.Test;

class ClassFolderMappingTest {
    private static final List<String> CIFAR = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private static ClassFolderMapping map(String... folders) {
        return ClassFolderMapping.of("/x/syn", List.of(folders), CIFAR, "cifar10");
    }

    private static String error(String... folders) {
        String m = assertThrows(UserException.class, () -> map(folders)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void namesMatchIgnoringCase() {
        ClassFolderMapping m = map("Cat", "airplane", "TRUCK");
        assertFalse(m.numbered());
        assertEquals(Map.of("Cat", 3, "airplane", 0, "TRUCK", 9), m.classOf());
    }

    @Test
    void numbersMapToIndicesWhateverTheCommonPrefix() {
        assertEquals(Map.of("00000", 0, "00009", 9), map("00000", "00009").classOf());
        assertEquals(Map.of("new000", 0, "new003", 3), map("new000", "new003").classOf());
        assertEquals(Map.of("class_7", 7, "class_1", 1), map("class_7", "class_1").classOf());
        assertTrue(map("7", "1").numbered());
    }

    @Test
    void numericClassNamesMatchByNameFirst() {
        // an ImageFolder test set with classes "1", "10", "2" (sorted as text): folder "10" is class 1
        ClassFolderMapping m = ClassFolderMapping.of("/x", List.of("10", "2"), List.of("1", "10", "2"), "digits");
        assertEquals(Map.of("10", 1, "2", 2), m.classOf());
        assertFalse(m.numbered());
    }

    @Test
    void mismatchesAreRefusedWithTheTestClasses() {
        assertTrue(error("cat", "dgo").contains("class folder 'dgo' of /x/syn is neither a class of cifar10's 10 "
                + "classes (0 airplane, 1 automobile"), error("cat", "dgo"));
        assertTrue(error("new000", "new010").contains("'new010' of /x/syn is class index 10 but cifar10's 10 classes"));
        assertTrue(error("003", "3").contains("'003' and '3' of /x/syn both map to class 3 (cat)"));
        assertTrue(error("Cat", "cat").contains("'Cat' and 'cat'"));
        assertTrue(error("cat", "new003").contains("mixes class-named folders ('cat') and numbered ones ('new003')"));
        assertTrue(error("new001", "class_002").contains("different prefixes ('new001', 'class_002')"));
        assertTrue(error("n123456789012").contains("class index 123456789012"));
    }

    @Test
    void longClassListsAreCut() {
        List<String> many = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "c" + i).toList();
        String m = ClassFolderMapping.classes("imagenet", many);
        assertTrue(m.endsWith("11 c11, …)"), m);
    }
}
