package dev.cnnlab.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float matrix products straight through OpenBLAS's {@code cblas_sgemm}, on ND4J arrays stored row-major or
 * column-major (a transposed view is the other one), without ND4J's {@code mmul} op.
 *
 * <p>Why: ND4J 1.0.0-M2.1 runs {@code Nd4j.gemm} and {@code mmuli} as libnd4j's {@code mmul} op, which for the
 * c-ordered activations and c-ordered result of DL4J's dense forward pass takes longer than the same product
 * through {@code cblas_sgemm} ({@code KernelTimes.java}; docs/performance.md; see {@link BlasDenseLayer}). The same
 * OpenBLAS library and threads do the arithmetic either way.
 */
public final class RowMajorSgemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private RowMajorSgemm() {
    }

    /**
     * @return whether ND4J runs on its CPU backend, whose arrays live in host memory OpenBLAS can read
     */
    public static boolean available() {
        return Nd4j.getEnvironment().isCPU();
    }

    /**
     * @param m an array
     * @return whether {@link #multiply} takes it: a float matrix stored densely, row-major or column-major
     */
    public static boolean supports(INDArray m) {
        return m != null && m.dataType() == DataType.FLOAT && m.rank() == 2 && !m.isEmpty()
                && m.offset() == m.data().offset() && (rowMajor(m) || columnMajor(m));
    }

    /**
     * Writes {@code a x b} into {@code c}.
     *
     * @param a a {@code [m, k]} matrix
     * @param b a {@code [k, n]} matrix
     * @param c the {@code [m, n]} result, overwritten
     * @throws IllegalArgumentException when an array is not {@link #supports supported} or the shapes do not match
     */
    public static void multiply(INDArray a, INDArray b, INDArray c) {
        if (!supports(a) || !supports(b) || !supports(c)) {
            throw new IllegalArgumentException("cblas_sgemm needs dense float matrices, got " + describe(a) + " x "
                    + describe(b) + " -> " + describe(c));
        }
        if (a.columns() != b.rows() || c.rows() != a.rows() || c.columns() != b.columns()) {
            throw new IllegalArgumentException("shapes do not multiply: " + describe(a) + " x " + describe(b)
                    + " -> " + describe(c));
        }
        if (!rowMajor(c)) {
            multiply(b.transpose(), a.transpose(), c.transpose()); // (a b)^T = b^T a^T, and c^T is row-major
            return;
        }
        int m = c.rows();
        int n = c.columns();
        int k = a.columns();
        boolean transA = !rowMajor(a);
        boolean transB = !rowMajor(b);
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1f,
                pointer(a), transA ? m : k, pointer(b), transB ? k : n, 0f, pointer(c), n);
    }

    /**
     * Writes {@code a} times each block of {@code blocks} equal column blocks of {@code b} into the consecutive
     * blocks of {@code c}: {@code c[i] = a x b[:, i * n .. (i + 1) * n]}, without copying the blocks. A convolution's
     * filters times its patch matrix this way land in NCHW order, one image per block.
     *
     * @param a      a row-major {@code [m, k]} matrix
     * @param b      a row-major {@code [k, blocks * n]} matrix
     * @param c      a row-major array of {@code blocks * m * n} floats, any shape, overwritten
     * @param blocks how many column blocks {@code b} has
     * @throws IllegalArgumentException when the arrays are not so laid out or their sizes do not match
     */
    public static void multiplyColumnBlocks(INDArray a, INDArray b, INDArray c, int blocks) {
        if (!supports(a) || !supports(b) || !rowMajor(a) || !rowMajor(b) || c.dataType() != DataType.FLOAT
                || c.offset() != c.data().offset() || !FloatTransfer.isRowMajor(c)) {
            throw new IllegalArgumentException("cblas_sgemm needs row-major float arrays, got " + describe(a) + " x "
                    + describe(b) + " -> " + describe(c));
        }
        if (blocks <= 0 || a.columns() != b.rows() || b.columns() % blocks != 0
                || c.length() != (long) blocks * a.rows() * (b.columns() / blocks)) {
            throw new IllegalArgumentException("shapes do not multiply in " + blocks + " blocks: " + describe(a)
                    + " x " + describe(b) + " -> " + describe(c));
        }
        int m = a.rows();
        int k = a.columns();
        int n = b.columns() / blocks;
        FloatPointer pa = pointer(a);
        FloatPointer pb = pointer(b);
        FloatPointer pc = pointer(c);
        for (int i = 0; i < blocks; i++) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, pa, k,
                    pb.getPointer((long) i * n), b.columns(), 0f, pc.getPointer((long) i * m * n), n);
        }
    }

    /**
     * Writes the sum of the products of {@code a}'s row blocks and {@code b}'s column blocks, the latter transposed,
     * into {@code c}: {@code c = sum over i of a[i * m .. (i + 1) * m, :] x b[:, i * k .. (i + 1) * k]^T}, one
     * {@code cblas_sgemm} per block. A convolution's NCHW output gradient (one row block per image) and its patch
     * matrix (one column block per image) give its weight gradient this way, without permuting the gradient.
     *
     * @param a      a row-major {@code [blocks * m, k]} matrix
     * @param b      a row-major {@code [n, blocks * k]} matrix
     * @param c      the row-major {@code [m, n]} result, overwritten
     * @param blocks how many blocks {@code a} and {@code b} have
     * @throws IllegalArgumentException when the arrays are not so laid out or their sizes do not match
     */
    public static void sumOfBlockProducts(INDArray a, INDArray b, INDArray c, int blocks) {
        if (!supports(a) || !supports(b) || !supports(c) || !rowMajor(a) || !rowMajor(b) || !rowMajor(c)) {
            throw new IllegalArgumentException("cblas_sgemm needs row-major float matrices, got " + describe(a)
                    + ", " + describe(b) + " -> " + describe(c));
        }
        if (blocks <= 0 || a.rows() % blocks != 0 || b.columns() != (long) blocks * a.columns()
                || c.rows() != a.rows() / blocks || c.columns() != b.rows()) {
            throw new IllegalArgumentException("shapes do not multiply in " + blocks + " blocks: " + describe(a)
                    + " x " + describe(b) + "^T -> " + describe(c));
        }
        int m = c.rows();
        int n = c.columns();
        int k = a.columns();
        FloatPointer pa = pointer(a);
        FloatPointer pb = pointer(b);
        FloatPointer pc = pointer(c);
        for (int i = 0; i < blocks; i++) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, TRANS, m, n, k, 1f, pa.getPointer((long) i * m * k), k,
                    pb.getPointer((long) i * k), b.columns(), i == 0 ? 0f : 1f, pc, n);
        }
    }

    private static boolean rowMajor(INDArray m) {
        return m.stride(1) == 1 && (m.stride(0) == m.columns() || m.rows() == 1);
    }

    private static boolean columnMajor(INDArray m) {
        return m.stride(0) == 1 && (m.stride(1) == m.rows() || m.columns() == 1);
    }

    /** A view's buffer in ND4J 1.0.0-M2.1 starts at the view's first element ({@link #supports} checks it). */
    private static FloatPointer pointer(INDArray m) {
        return new FloatPointer(m.data().addressPointer());
    }

    private static String describe(INDArray m) {
        return m == null ? "null" : m.dataType() + java.util.Arrays.toString(m.shape()) + " strides "
                + java.util.Arrays.toString(m.stride());
    }
}
