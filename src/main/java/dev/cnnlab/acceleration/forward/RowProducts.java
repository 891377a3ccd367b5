package dev.cnnlab.acceleration.forward;

/**
 * The one arithmetic kernel of the forward pass: a row vector times a matrix, added into an output row. A dense
 * layer is one such product ({@code x · W}); a convolution is one per filter (the filter's weights times the patch
 * matrix).
 *
 * <p>The inner loop runs along the output row, so HotSpot's C2 compiles it to SIMD multiply-adds, but only when every
 * array in it is indexed from 0: with offsets into arrays that might be one and the same, C2 (Java 17) cannot rule out
 * an overlap and keeps the loop scalar, several times slower. Hence a matrix of one array per row. Four matrix rows per
 * pass load and store each output element a quarter as often, which is what bounds a loop like this; eight rows, or
 * two output rows per pass, were not vectorised at all.
 */
final class RowProducts {
    private RowProducts() {
    }

    /**
     * {@code y[j] += Σ_i a[aFrom + i] * b[i][j]} for {@code i < k}, {@code j < n}.
     *
     * @param a     holds the row vector
     * @param aFrom where it starts in {@code a}
     * @param k     its length, the matrix's rows
     * @param b     the matrix's rows, each at least {@code n} long
     * @param n     the matrix's columns
     * @param y     the output row, from index 0
     */
    static void accumulate(float[] a, int aFrom, int k, float[][] b, int n, float[] y) {
        int i = 0;
        for (; i + 4 <= k; i += 4) {
            float a0 = a[aFrom + i];
            float a1 = a[aFrom + i + 1];
            float a2 = a[aFrom + i + 2];
            float a3 = a[aFrom + i + 3];
            float[] b0 = b[i];
            float[] b1 = b[i + 1];
            float[] b2 = b[i + 2];
            float[] b3 = b[i + 3];
            for (int j = 0; j < n; j++) {
                y[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; i < k; i++) {
            float ai = a[aFrom + i];
            float[] bi = b[i];
            for (int j = 0; j < n; j++) {
                y[j] += ai * bi[j];
            }
        }
    }
}
