package io.borealis.api.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of data in bytes, and the one grammar for sizes that people type (quotas in
 * {@code borealis-admin}, agent and devcluster resources): a number with an optional unit,
 * {@code b}, {@code k}, {@code m}, {@code g} or {@code t} in either case, optionally followed by
 * {@code b} or {@code ib} ({@code 512m}, {@code 4G}, {@code 1.5g}, {@code 1TB}, {@code 64MiB}).
 * Units are binary (1k = 1024 bytes), as Aurora's {@code M/G/T}. A number without a unit is in
 * megabytes, as resources are everywhere in Borealis. Immutable.
 */
public record DataSize(long bytes) {
    public static final long KB = 1024L;
    public static final long MB = 1024L * KB;
    public static final long GB = 1024L * MB;
    public static final long TB = 1024L * GB;

    private static final Pattern SIZE = Pattern.compile(
            "(\\d{1,19}(?:\\.\\d{1,9})?)\\s*(?:([bkmgt])(?:i?b)?)?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SHOWN = 64;

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a data size must not be negative, got " + bytes);
        }
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(Math.multiplyExact(megabytes, MB));
    }

    /**
     * Parses a size by this class's grammar.
     *
     * @throws IllegalArgumentException naming the text and what a size looks like, or saying
     *     that it is too large or not a whole number of bytes
     */
    public static DataSize parse(String text) {
        Objects.requireNonNull(text, "text is null");
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not a size: give a number"
                    + " of megabytes or a number with a unit (b, k, m, g, t), e.g. 512m, 4g, 1t");
        }
        String unit = m.group(2) == null ? "m" : m.group(2).toLowerCase(Locale.ROOT);
        long scale = switch (unit) {
            case "b" -> 1L;
            case "k" -> KB;
            case "m" -> MB;
            case "g" -> GB;
            default -> TB; // "t": the pattern allows nothing else
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        BigInteger whole;
        try {
            whole = bytes.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + shown(text)
                    + "' is not a whole number of bytes");
        }
        if (whole.bitLength() >= Long.SIZE) {
            throw new IllegalArgumentException("'" + shown(text) + "' is too large");
        }
        return new DataSize(whole.longValueExact());
    }

    /**
     * Parses a size that must be a whole number of megabytes (resources and quotas are counted
     * in MB).
     *
     * @throws IllegalArgumentException as {@link #parse}, or when it is not whole megabytes
     */
    public static long parseMegabytes(String text) {
        DataSize size = parse(text);
        if (size.bytes % MB != 0) {
            throw new IllegalArgumentException("'" + shown(text)
                    + "' is not a whole number of megabytes");
        }
        return size.bytes / MB;
    }

    /** Whole megabytes, rounded down. */
    public long toMegabytes() {
        return bytes / MB;
    }

    /** In the largest unit that shows it exactly: {@code 512 MB}, {@code 4 GB}, {@code 100 B}. */
    @Override
    public String toString() {
        if (bytes != 0 && bytes % TB == 0) {
            return bytes / TB + " TB";
        } else if (bytes != 0 && bytes % GB == 0) {
            return bytes / GB + " GB";
        } else if (bytes != 0 && bytes % MB == 0) {
            return bytes / MB + " MB";
        } else if (bytes != 0 && bytes % KB == 0) {
            return bytes / KB + " KB";
        }
        return bytes + " B";
    }

    private static String shown(String value) {
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN - 3) + "...";
    }
}
