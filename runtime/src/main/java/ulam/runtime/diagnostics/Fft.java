package ulam.runtime.diagnostics;

/**
 * Autocovariances by the fast Fourier transform (Wiener-Khinchin): the linear autocorrelation of
 * a zero-padded sequence is the inverse transform of its power spectrum. Iterative radix-2
 * Cooley-Tukey on a power-of-two length of at least 2N, which makes the circular correlation
 * equal to the linear one, as posterior's {@code autocovariance} (which pads to {@code 2 nextn(N)}).
 */
final class Fft {
    private Fft() {
    }

    /**
     * Raw autocorrelation sums {@code out[t] = sum_{i=0}^{N-1-t} y[i] y[i+t]}, t = 0..N-1.
     *
     * @param y   the (centred) sequence, length N
     * @param out receives N values
     */
    static void autocorrelationSums(double[] y, double[] out) {
        int n = y.length;
        int m = 1;
        while (m < 2 * n) m <<= 1;
        double[] re = new double[m];
        double[] im = new double[m];
        System.arraycopy(y, 0, re, 0, n);
        transform(re, im, false);
        for (int k = 0; k < m; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        transform(re, im, true);
        for (int t = 0; t < n; t++) out[t] = re[t] / m;
    }

    /** In-place complex FFT of power-of-two length; {@code inverse} uses the conjugate twiddles, unscaled. */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            double theta = sign * 2 * Math.PI / len;
            for (int k = 0; k < half; k++) {
                double wr = Math.cos(theta * k);
                double wi = Math.sin(theta * k);
                for (int s = 0; s < n; s += len) {
                    int a = s + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
