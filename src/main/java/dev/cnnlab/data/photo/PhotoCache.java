package dev.cnnlab.data.photo;

import dev.cnnlab.EnumKeys;

import java.util.Locale;

/**
 * Where a run's decoded photos live: decoded once into memory, or decoded from disk each time a batch needs them.
 * {@link #AUTO} caches when the cache fits the rule of {@link #fits}, and streams otherwise.
 */
public enum PhotoCache {
    /** Cache when it fits, else stream. */
    AUTO("auto"),
    /** Decode every photo once and keep the pixels in memory. */
    MEMORY("memory"),
    /** Keep only the file list, and decode each batch's photos when it is cut. */
    DISK("disk");

    /**
     * The share of what the JVM may use that a cache may take: while it is built it exists twice (the decoded array
     * on the heap and the copy off the heap that the batch iterators read), and the remaining third is left to the
     * network, its batches, evaluation and the decoders.
     */
    static final int SHARE_DIVISOR = 3;
    private static final long MB = 1L << 20;

    private final String key;

    PhotoCache(String key) {
        this.key = key;
    }

    /** @return the name used with {@code --photo-cache} and in messages */
    public String key() {
        return key;
    }

    /**
     * @param key a name as typed
     * @return the mode of that name
     * @throws IllegalArgumentException listing the names when there is none
     */
    public static PhotoCache byKey(String key) {
        return EnumKeys.find(values(), PhotoCache::key, key)
                .orElseThrow(() -> new IllegalArgumentException("expected auto, memory or disk, got '" + key + "'"));
    }

    /**
     * @param photos   photos to decode
     * @param height   their height once resized
     * @param width    their width once resized
     * @param channels their channels
     * @return bytes the decoded cache needs: one byte per value
     */
    public static long bytes(long photos, int height, int width, int channels) {
        return photos * height * width * channels;
    }

    /**
     * @param cacheBytes what the cache needs ({@link #bytes})
     * @param maxMemory  what the JVM may use ({@link Runtime#maxMemory()})
     * @return whether the cache takes at most a third of it
     */
    public static boolean fits(long cacheBytes, long maxMemory) {
        return cacheBytes <= maxMemory / SHARE_DIVISOR;
    }

    /**
     * @param cacheBytes what the cache needs
     * @param maxMemory  what the JVM may use
     * @return the mode this one runs as: {@link #AUTO} resolved by {@link #fits}, the others as they are
     */
    public PhotoCache resolve(long cacheBytes, long maxMemory) {
        if (this != AUTO) {
            return this;
        }
        return fits(cacheBytes, maxMemory) ? MEMORY : DISK;
    }

    /**
     * The line a run prints before decoding, such as {@code decoded cache: 25,000 photos x 64x64x3 = 293 MB of the
     * 6,144 MB the JVM may use: caching in memory (auto caches up to a third)}.
     *
     * @param photos    photos to decode
     * @param height    their height
     * @param width     their width
     * @param channels  their channels
     * @param maxMemory what the JVM may use
     * @return the line
     */
    public String describe(long photos, int height, int width, int channels, long maxMemory) {
        long bytes = bytes(photos, height, width, channels);
        PhotoCache runs = resolve(bytes, maxMemory);
        String what = runs == MEMORY ? "caching in memory" : "streaming from disk, decoding each batch's photos";
        String why = switch (this) {
            case AUTO -> "auto caches up to a third";
            case MEMORY -> "--photo-cache memory" + (fits(bytes, maxMemory) ? "" : ", though it is over a third");
            case DISK -> "--photo-cache disk";
        };
        return String.format(Locale.ROOT, "decoded cache: %,d photos x %dx%dx%d = %,d MB of the %,d MB the JVM may use:"
                + " %s (%s)", photos, height, width, channels, (bytes + MB - 1) / MB, maxMemory / MB, what, why);
    }
}
