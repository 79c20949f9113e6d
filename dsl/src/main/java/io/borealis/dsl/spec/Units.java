package io.borealis.dsl.spec;

/**
 * Size units of job files, in bytes and 1024-based as in Aurora: {@code ram: 128*MB}. Job files
 * see these as plain names through a static import.
 */
public final class Units {
    public static final long B = 1L;
    public static final long KB = 1024L * B;
    public static final long MB = 1024L * KB;
    public static final long GB = 1024L * MB;
    public static final long TB = 1024L * GB;

    private Units() {}
}
