package io.borealis.api.validation;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * "Did you mean" hints: the closest known word by edit distance, if it is close enough to be a
 * plausible typo (at most a third of the word's length, and at most 3 edits). Stateless.
 */
public final class Suggestions {
    private Suggestions() {}

    /** The closest candidate to {@code word}, or empty when none is plausibly meant. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.min(3, Math.max(1, word.length() / 3));
        return candidates.stream()
                .filter(c -> distance(word.toLowerCase(), c.toLowerCase()) <= limit)
                .min(Comparator.comparingInt((String c) -> distance(word.toLowerCase(),
                        c.toLowerCase())).thenComparing(c -> c));
    }

    /** {@code " Did you mean 'x'?"} or {@code ""}: ready to append to a message. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " Did you mean '" + c + "'?").orElse("");
    }

    /** Levenshtein distance; words here are short identifiers, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
