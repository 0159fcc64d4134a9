package ulam.runtime.model;

/**
 * Numbers distinct {@code long} keys 0, 1, 2, ... in order of first appearance, in an
 * open-addressing table of primitive arrays (no boxed keys), so that grouping the rows of
 * millions of data rows ({@link ModelSupport#aggregate}, {@link ModelSupport#codes}) costs a few
 * array accesses per row.
 */
final class Codes {
    private long[] keys = new long[1024];
    private int[] codes = new int[1024];   // code + 1; 0 marks an empty slot
    private int size;

    /** The code of {@code key}: its number among the distinct keys seen, a new one if it is new. */
    int of(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (codes[slot] != 0) {
            if (keys[slot] == key) return codes[slot] - 1;
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        codes[slot] = ++size;
        if (size * 2 > keys.length) grow();
        return size - 1;
    }

    /** Number of distinct keys seen. */
    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCodes = codes;
        keys = new long[oldKeys.length * 2];
        codes = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldCodes[j] == 0) continue;
            int slot = mix(oldKeys[j]) & mask;
            while (codes[slot] != 0) slot = (slot + 1) & mask;
            keys[slot] = oldKeys[j];
            codes[slot] = oldCodes[j];
        }
    }

    /** A 64-bit finaliser (MurmurHash3's), so that nearby keys spread over the table. */
    private static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k;
    }
}
