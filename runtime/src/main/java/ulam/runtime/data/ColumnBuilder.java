package ulam.runtime.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the elements of one value as they are read, into primitive arrays: numbers into
 * {@code double} blocks (missing as NaN), and, from the first element that is not a number,
 * every element as a code into a dictionary of distinct texts ({@code int} blocks, 0 for
 * missing). No element is kept as a {@code String} or a boxed number, and storage grows by blocks
 * of {@value #BLOCK} elements, so a column of n elements needs n * 8 bytes (n * 4 for text) plus
 * one block while it is read, and as much again for a moment when {@link #build} copies the
 * blocks into one array.
 *
 * <p>When a column turns to text, the numbers read before are kept as their shortest decimal form
 * ({@link NumberText#format}); messages about a mixed column show its first text, which is kept as
 * written.
 */
final class ColumnBuilder {
    /** Elements per storage block. */
    static final int BLOCK = 1 << 14;

    private final List<double[]> numberBlocks = new ArrayList<>();
    private List<int[]> codeBlocks;            // non-null once the column holds text
    private Map<String, Integer> dictionary;   // text -> code (1-based)
    private List<String> texts;                // code - 1 -> text
    private double[] numbers = new double[BLOCK];
    private int[] codes;
    private int inBlock;
    private int size;

    /** Elements added so far. */
    int size() {
        return size;
    }

    /** Whether the column holds text (from its first element that is not a number on). */
    boolean holdsText() {
        return codes != null;
    }

    /** Adds a missing element. */
    void addMissing() {
        if (codes != null) addCode(0);
        else addNumber(Double.NaN);
    }

    /** Adds a number (not NaN: that is {@link #addMissing}). */
    void addNumber(double v) {
        if (codes != null) {
            addText(NumberText.format(v));
            return;
        }
        if (inBlock == BLOCK) {
            numberBlocks.add(numbers);
            numbers = new double[BLOCK];
            inBlock = 0;
        }
        numbers[inBlock++] = v;
        size++;
    }

    /** Adds an element that is not a number, as written (not missing). */
    void addText(String text) {
        if (codes == null) toText();
        Integer code = dictionary.get(text);
        if (code == null) {
            code = texts.size() + 1;
            dictionary.put(text, code);
            texts.add(text);
        }
        addCode(code);
    }

    // the dictionary again, keyed by bytes, so that a repeated text is found without making a string
    private byte[][] byteKeys;
    private int[] byteCodes;
    private int byteCount;

    /**
     * Adds an element that is not a number, given as single-byte text ({@code b[s..e)}, ASCII or
     * Latin-1): the same as {@link #addText(String)} of that text, without making a string for a
     * text seen before.
     */
    void addText(byte[] b, int s, int e) {
        if (codes == null) toText();
        if (byteKeys == null) {
            byteKeys = new byte[64][];
            byteCodes = new int[64];
        }
        int h = 1;
        for (int i = s; i < e; i++) h = 31 * h + b[i];
        int mask = byteKeys.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        while (byteKeys[slot] != null) {
            byte[] k = byteKeys[slot];
            if (java.util.Arrays.equals(k, 0, k.length, b, s, e)) {
                addCode(byteCodes[slot]);
                return;
            }
            slot = (slot + 1) & mask;
        }
        String text = new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1);
        addText(text);
        byteKeys[slot] = java.util.Arrays.copyOfRange(b, s, e);
        byteCodes[slot] = dictionary.get(text);
        if (++byteCount * 2 > byteKeys.length) rehash();
    }

    private void rehash() {
        byte[][] oldKeys = byteKeys;
        int[] oldCodes = byteCodes;
        byteKeys = new byte[oldKeys.length * 2][];
        byteCodes = new int[oldKeys.length * 2];
        int mask = byteKeys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] k = oldKeys[j];
            if (k == null) continue;
            int h = 1;
            for (byte x : k) h = 31 * h + x;
            int slot = (h ^ (h >>> 16)) & mask;
            while (byteKeys[slot] != null) slot = (slot + 1) & mask;
            byteKeys[slot] = k;
            byteCodes[slot] = oldCodes[j];
        }
    }

    /** Adds an element given as text: missing, a number or text, by {@link NumberText}'s rules. */
    void add(String cell) {
        if (NumberText.isMissing(cell)) {
            addMissing();
            return;
        }
        double v = NumberText.parse(cell);
        if (Double.isNaN(v)) addText(cell);
        else if (codes != null) addText(cell);
        else addNumber(v);
    }

    private void addCode(int code) {
        if (inBlock == BLOCK) {
            codeBlocks.add(codes);
            codes = new int[BLOCK];
            inBlock = 0;
        }
        codes[inBlock++] = code;
        size++;
    }

    /** Turns the numbers read so far into texts: the column holds text from now on. */
    private void toText() {
        dictionary = new HashMap<>();
        texts = new ArrayList<>();
        codeBlocks = new ArrayList<>();
        double[] all = numbersArray();
        int n = size;
        numberBlocks.clear();
        numbers = null;
        codes = new int[BLOCK];
        inBlock = 0;
        size = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(all[i])) addCode(0);
            else addText(NumberText.format(all[i]));
        }
    }

    private double[] numbersArray() {
        double[] out = new double[size];
        int at = 0;
        for (double[] b : numberBlocks) {
            System.arraycopy(b, 0, out, at, BLOCK);
            at += BLOCK;
        }
        if (numbers != null) System.arraycopy(numbers, 0, out, at, size - at);
        return out;
    }

    private int[] codesArray() {
        int[] out = new int[size];
        int at = 0;
        for (int i = 0; i < codeBlocks.size(); i++) {
            System.arraycopy(codeBlocks.get(i), 0, out, at, BLOCK);
            codeBlocks.set(i, null);   // let the copied block go
            at += BLOCK;
        }
        System.arraycopy(codes, 0, out, at, size - at);
        return out;
    }

    /**
     * The column (the builder is spent).
     *
     * @param name     the normalised name
     * @param original the name as written
     * @param source   file name or command-line option, for messages
     * @param csv      whether this is a CSV column
     * @param dims     shape; the product must equal {@link #size()}
     */
    Column build(String name, String original, String source, boolean csv, int[] dims) {
        if (codes == null) {
            double[] out = new double[size];
            int at = 0;
            for (int i = 0; i < numberBlocks.size(); i++) {
                System.arraycopy(numberBlocks.get(i), 0, out, at, BLOCK);
                numberBlocks.set(i, null);
                at += BLOCK;
            }
            System.arraycopy(numbers, 0, out, at, size - at);
            return Column.numeric(name, original, source, csv, dims, out);
        }
        return Column.text(name, original, source, csv, dims, codesArray(), texts.toArray(String[]::new));
    }

    /**
     * A column of elements given as text (a JSON array, a {@code --data-value}, simulated values).
     *
     * @param cells elements in column-major order; null, empty, {@code NA} or {@code NaN} where missing
     */
    static Column of(String name, String original, String source, boolean csv, int[] dims, String[] cells) {
        ColumnBuilder b = new ColumnBuilder();
        for (String c : cells) b.add(c);
        return b.build(name, original, source, csv, dims);
    }
}
