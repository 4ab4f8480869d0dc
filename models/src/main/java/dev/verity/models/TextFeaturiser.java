package dev.verity.models;

import dev.verity.autolabel.Features;
import dev.verity.autolabel.Featuriser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A sparse vector for a text: word unigrams, word bigrams and the character 3- to 5-grams of each word, hashed.
 * Each kind has its own range of {@value #BUCKETS} indices, so a word and a character n-gram never collide; a
 * feature's weight is log(1 + count), and the vector has unit length.
 */
public final class TextFeaturiser implements Featuriser {

    static final int MAX_CHARS = 100_000;
    static final int BUCKETS = 1 << 18;
    private static final int WORD = 0;
    private static final int BIGRAM = 1;
    private static final int CHARS = 2;
    private static final char BOUNDARY = '#';
    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    @Override
    public String name() {
        return "text-ngrams-v1";
    }

    @Override
    public Features featurise(byte[] content) {
        // UTF-8 takes at most 4 bytes a character: decode no more than the characters kept need.
        String text = new String(content, 0, Math.min(content.length, 4 * MAX_CHARS), StandardCharsets.UTF_8);
        String lower = text.substring(0, Math.min(text.length(), MAX_CHARS)).toLowerCase(Locale.ROOT);
        Hits hits = new Hits();
        long previousWord = 0;
        boolean first = true;
        int at = 0;
        while (at < lower.length()) {
            int start = skipTo(lower, at, true);
            int end = skipTo(lower, start, false);
            if (start == end) {
                break;
            }
            long word = fnv(FNV_OFFSET, lower, start, end);
            hits.add(WORD, word);
            if (!first) {
                hits.add(BIGRAM, fnv(step(previousWord, ' '), lower, start, end));
            }
            charGrams(BOUNDARY + lower.substring(start, end) + BOUNDARY, hits);
            previousWord = word;
            first = false;
            at = end;
        }
        return hits.features();
    }

    /** The first index from {@code from} at which a character is (or is not) a letter or digit. */
    private static int skipTo(String text, int from, boolean wordChar) {
        int i = from;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (Character.isLetterOrDigit(codePoint) == wordChar) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return i;
    }

    private static void charGrams(String padded, Hits hits) {
        for (int start = 0; start + MIN_GRAM <= padded.length(); start++) {
            long hash = FNV_OFFSET;
            for (int n = 1; n <= MAX_GRAM && start + n <= padded.length(); n++) {
                hash = step(hash, padded.charAt(start + n - 1));
                if (n >= MIN_GRAM) {
                    hits.add(CHARS, hash);
                }
            }
        }
    }

    /** 64-bit FNV-1a over UTF-16 code units: stable across JVMs, unlike {@code String.hashCode}'s 32 bits. */
    private static long fnv(long hash, String text, int start, int end) {
        long h = hash;
        for (int i = start; i < end; i++) {
            h = step(h, text.charAt(i));
        }
        return h;
    }

    private static long step(long hash, char c) {
        return (hash ^ c) * FNV_PRIME;
    }

    /** Feature indices as they are found; merged into counts at the end. */
    private static final class Hits {
        private int[] indices = new int[256];
        private int size;

        void add(int kind, long hash) {
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, 2 * size);
            }
            indices[size++] = kind * BUCKETS + (int) (mix(hash) & (BUCKETS - 1));
        }

        /** MurmurHash3's finaliser: FNV's low bits alone spread short strings poorly. */
        private static long mix(long hash) {
            long h = hash;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return h;
        }

        Features features() {
            int[] sorted = Arrays.copyOf(indices, size);
            Arrays.sort(sorted);
            int[] unique = new int[size];
            float[] weights = new float[size];
            int n = 0;
            double squares = 0;
            for (int i = 0; i < size; ) {
                int j = i;
                while (j < size && sorted[j] == sorted[i]) {
                    j++;
                }
                double weight = Math.log1p(j - i);
                unique[n] = sorted[i];
                weights[n++] = (float) weight;
                squares += weight * weight;
                i = j;
            }
            float norm = (float) Math.sqrt(squares);
            for (int i = 0; i < n; i++) {
                weights[i] /= norm;
            }
            return new Features(Arrays.copyOf(unique, n), Arrays.copyOf(weights, n));
        }
    }
}
