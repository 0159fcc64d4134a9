package ulam.runtime.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * PNG encoding with a palette of at most 256 colours (PNG colour type 3), for plots: a page of
 * trace plots has some 200,000 distinct colours (four translucent chains, anti-aliased), which
 * make an RGB PNG of 1.4 MB; mapped to its 256 most frequent colours (each pixel to the nearest
 * palette colour, with colours grouped 5 bits per channel), the same page is about 0.3 MB and looks
 * the same. Used for the PNG files of {@code ulam plot} and the images of {@code ulam report}.
 */
final class IndexedPng {
    private IndexedPng() {
    }

    /**
     * Encodes an RGB image.
     *
     * @param img an image of any type (its alpha is ignored)
     * @return the PNG bytes
     */
    static byte[] encode(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        // frequency of each 5-bit-per-channel bucket, and the mean colour of its pixels
        int buckets = 1 << 15;
        int[] count = new int[buckets];
        long[] sr = new long[buckets];
        long[] sg = new long[buckets];
        long[] sb = new long[buckets];
        for (int p : px) {
            int k = bucket(p);
            count[k]++;
            sr[k] += (p >> 16) & 255;
            sg[k] += (p >> 8) & 255;
            sb[k] += p & 255;
        }
        Integer[] order = new Integer[buckets];
        for (int i = 0; i < buckets; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(count[b], count[a]));
        int n = 0;
        while (n < 256 && n < buckets && count[order[n]] > 0) n++;
        n = Math.max(n, 1);
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        int[] pr = new int[n];
        int[] pg = new int[n];
        int[] pb = new int[n];
        for (int i = 0; i < n; i++) {
            int k = order[i];
            int c = Math.max(1, count[k]);
            pr[i] = (int) (sr[k] / c);
            pg[i] = (int) (sg[k] / c);
            pb[i] = (int) (sb[k] / c);
            r[i] = (byte) pr[i];
            g[i] = (byte) pg[i];
            b[i] = (byte) pb[i];
        }
        int[] index = new int[buckets];
        Arrays.fill(index, -1);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int k = bucket(px[i]);
            if (index[k] < 0) {
                int cr = (px[i] >> 16) & 255;
                int cg = (px[i] >> 8) & 255;
                int cb = px[i] & 255;
                int best = 0;
                long bd = Long.MAX_VALUE;
                for (int j = 0; j < n; j++) {
                    long d = (long) (pr[j] - cr) * (pr[j] - cr) + (long) (pg[j] - cg) * (pg[j] - cg) + (long) (pb[j] - cb) * (pb[j] - cb);
                    if (d < bd) {
                        bd = d;
                        best = j;
                    }
                }
                index[k] = best;
            }
            data[i] = (byte) index[k];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    private static int bucket(int p) {
        return ((p >> 9) & 0x7C00) | ((p >> 6) & 0x3E0) | ((p >> 3) & 0x1F);
    }
}
