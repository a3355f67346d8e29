package org.condense.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.condense.UserException;

/**
 * Maps the class folders of an image folder made by another tool to a test set's classes. Either
 * every folder is named after a class (case-insensitive, as torchvision's ImageFolder output), or
 * every folder is numbered with one common prefix ({@code 00003}, {@code new003}, {@code class_3},
 * as SRe2L's and RDED's outputs) and the number is the class index. Anything else is refused: a
 * silently wrong mapping would score as a bad method rather than a packaging mistake.
 *
 * @param numbered whether folders were mapped by their number rather than their name
 * @param classOf class index of each folder, in folder order
 */
public record ClassFolderMapping(boolean numbered, Map<String, Integer> classOf) {

    /** Digits at the end of a name, after a prefix that may be empty. */
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");
    /** Class names listed in an error; ImageNet's thousand would not fit one line. */
    private static final int LISTED = 12;

    /**
     * @param where the folder holding the class folders, for messages
     * @param folders the class folders' names (non-empty)
     * @param testName the test set, for messages
     */
    public static ClassFolderMapping of(String where, List<String> folders, List<String> classNames, String testName) {
        Integer[] byName = new Integer[folders.size()];
        boolean allNamed = true;
        for (int i = 0; i < folders.size(); i++) {
            byName[i] = nameIndex(where, folders.get(i), classNames, testName);
            allNamed &= byName[i] != null;
        }
        Map<String, Integer> classOf = new LinkedHashMap<>();
        if (allNamed) {
            for (int i = 0; i < folders.size(); i++) {
                put(classOf, folders.get(i), byName[i], where, classNames, testName);
            }
            return new ClassFolderMapping(false, classOf);
        }
        String named = null;
        String prefix = null;
        String prefixFolder = null;
        for (int i = 0; i < folders.size(); i++) {
            String folder = folders.get(i);
            Matcher m = NUMBERED.matcher(folder);
            if (!m.matches()) {
                if (byName[i] == null) {
                    throw new UserException("class folder '" + folder + "' of " + where + " is neither a class of "
                            + classes(testName, classNames) + " nor numbered like 00003 or new003; rename it");
                }
                named = folder;
                continue;
            }
            if (prefix == null) {
                prefix = m.group(1);
                prefixFolder = folder;
            } else if (!prefix.equals(m.group(1))) {
                throw new UserException("numbered class folders of " + where + " use different prefixes ('"
                        + prefixFolder + "', '" + folder + "'); number them all alike for " + classes(testName, classNames));
            }
            String digits = m.group(2);
            // more than 9 digits cannot be a class index; parsing them could overflow
            int index = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (index >= classNames.size()) {
                throw new UserException("class folder '" + folder + "' of " + where + " is class index "
                        + (digits.length() > 9 ? digits : index) + " but " + classes(testName, classNames)
                        + "; remove it or renumber the folders");
            }
            put(classOf, folder, index, where, classNames, testName);
        }
        if (named != null) {
            throw new UserException(where + " mixes class-named folders ('" + named + "') and numbered ones ('"
                    + prefixFolder + "'); name all folders by class or number them all, for " + classes(testName, classNames));
        }
        return new ClassFolderMapping(true, classOf);
    }

    /** The class a folder is named after: an exact match, else the one case-insensitive match; null if none. */
    private static Integer nameIndex(String where, String folder, List<String> classNames, String testName) {
        int exact = classNames.indexOf(folder);
        if (exact >= 0) {
            return exact;
        }
        List<Integer> matches = new ArrayList<>();
        String lower = folder.toLowerCase(Locale.ROOT);
        for (int c = 0; c < classNames.size(); c++) {
            if (classNames.get(c).toLowerCase(Locale.ROOT).equals(lower)) {
                matches.add(c);
            }
        }
        if (matches.size() > 1) {
            throw new UserException("class folder '" + folder + "' of " + where + " matches several classes of "
                    + testName + " when case is ignored (" + matches.stream().map(classNames::get).toList()
                    + "); rename it to one of them exactly");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static void put(Map<String, Integer> classOf, String folder, int index, String where,
            List<String> classNames, String testName) {
        for (Map.Entry<String, Integer> e : classOf.entrySet()) {
            if (e.getValue() == index) {
                throw new UserException("class folders '" + e.getKey() + "' and '" + folder + "' of " + where
                        + " both map to class " + index + " (" + classNames.get(index) + ") of " + testName
                        + "; merge them or remove one");
            }
        }
        classOf.put(folder, index);
    }

    /** The classes a folder must use, for one-line messages: {@code cifar10's 10 classes (0 airplane, …)}. */
    public static String classes(String testName, List<String> classNames) {
        StringBuilder sb = new StringBuilder(testName).append("'s ").append(classNames.size()).append(" classes (");
        for (int c = 0; c < Math.min(LISTED, classNames.size()); c++) {
            sb.append(c == 0 ? "" : ", ").append(c).append(' ').append(classNames.get(c));
        }
        return sb.append(classNames.size() > LISTED ? ", …)" : ")").toString();
    }
}
