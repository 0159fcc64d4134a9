package ulam.runtime.loo;

import ulam.runtime.output.PrecisTable;

/** Input checks and text tables shared by the criteria. */
final class Matrices {
    private Matrices() {
    }

    /**
     * Checks an S x N log-likelihood matrix: at least 2 rows and 1 column, rectangular, finite
     * (R's loo stops on the same).
     *
     * @throws IllegalArgumentException naming the first offending draw and observation
     */
    static void check(double[][] ll) {
        if (ll.length < 2) throw new IllegalArgumentException("need at least 2 draws, got " + ll.length);
        int n = ll[0].length;
        if (n == 0) throw new IllegalArgumentException("no observations");
        for (int s = 0; s < ll.length; s++) {
            if (ll[s].length != n) {
                throw new IllegalArgumentException("draw " + (s + 1) + " has " + ll[s].length + " values, not " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(ll[s][i])) {
                    throw new IllegalArgumentException("the log-likelihood of observation " + (i + 1) + " at draw "
                            + (s + 1) + " is " + ll[s][i] + "; it must be finite");
                }
            }
        }
    }

    /** Fixed decimals as R prints them ({@link PrecisTable#fixed}). */
    static String fixed(double v, int decimals) {
        return PrecisTable.fixed(v, decimals);
    }

    /**
     * A table as R prints a data frame: first column left aligned, the others right aligned,
     * columns separated by one space.
     *
     * @param cells      rows of cells, the first row the header (its first cell usually empty)
     * @param firstWidth minimum width of the first column, or null
     * @return lines ending in {@code \n}
     */
    static String table(String[][] cells, Integer firstWidth) {
        int cols = cells[0].length;
        int[] width = new int[cols];
        for (String[] row : cells) for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row[c].length());
        if (firstWidth != null) width[0] = Math.max(width[0], firstWidth);
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            line.append(row[0]).append(" ".repeat(width[0] - row[0].length()));
            for (int c = 1; c < cols; c++) {
                if (line.length() > 0) line.append(' ');
                line.append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            sb.append(line.toString().stripTrailing().isEmpty() ? "" : line).append('\n');
        }
        return sb.toString();
    }
}
