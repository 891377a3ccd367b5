package dev.cnnlab.kernels;

import dev.cnnlab.runtime.NativeSetup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link RowMajorSgemm} against ND4J's own product, in every storage order and on views. */
class RowMajorSgemmTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void multipliesInEveryStorageOrder() {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.FLOAT, 7, 13);
        INDArray b = Nd4j.randn(DataType.FLOAT, 13, 5);
        INDArray expected = a.mmul(b);
        for (char orderA : new char[] {'c', 'f'}) {
            for (char orderB : new char[] {'c', 'f'}) {
                for (char orderC : new char[] {'c', 'f'}) {
                    INDArray c = Nd4j.create(DataType.FLOAT, new long[] {7, 5}, orderC).assign(Float.NaN);
                    RowMajorSgemm.multiply(a.dup(orderA), b.dup(orderB), c);
                    assertThat(c.equalsWithEps(expected, 1e-4)).as("%s x %s -> %s", orderA, orderB, orderC).isTrue();
                }
            }
        }
    }

    @Test
    void multipliesTransposedViewsRowsAndParameterViews() {
        Nd4j.getRandom().setSeed(6);
        INDArray a = Nd4j.randn(DataType.FLOAT, 13, 7);
        INDArray b = Nd4j.randn(DataType.FLOAT, 5, 13);
        INDArray c = Nd4j.create(DataType.FLOAT, 7, 5);
        RowMajorSgemm.multiply(a.transpose(), b.transpose(), c);
        assertThat(c.equalsWithEps(a.transpose().mmul(b.transpose()), 1e-4)).isTrue();

        INDArray row = Nd4j.randn(DataType.FLOAT, 1, 13);
        INDArray oneRow = Nd4j.create(DataType.FLOAT, 1, 7);
        RowMajorSgemm.multiply(row, a, oneRow);
        assertThat(oneRow.equalsWithEps(row.mmul(a), 1e-4)).isTrue();

        // as DL4J's layers hold their weights: a view into one flat array, at an offset
        INDArray flat = Nd4j.randn(DataType.FLOAT, 1, 200);
        INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(40, 105)).reshape('f', 13, 5);
        assertThat(RowMajorSgemm.supports(weights)).isTrue();
        RowMajorSgemm.multiply(a.transpose(), weights, c);
        assertThat(c.equalsWithEps(a.transpose().mmul(weights.dup()), 1e-4)).isTrue();
    }

    @Test
    void multipliesColumnBlocksIntoConsecutiveBlocks() {
        Nd4j.getRandom().setSeed(7);
        INDArray a = Nd4j.randn(DataType.FLOAT, 3, 4);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4, 10);
        INDArray c = Nd4j.create(DataType.FLOAT, 2, 3, 5).assign(Float.NaN);
        RowMajorSgemm.multiplyColumnBlocks(a, b, c, 2);
        for (int block = 0; block < 2; block++) {
            INDArray expected = a.mmul(b.get(NDArrayIndex.all(), NDArrayIndex.interval(block * 5, block * 5 + 5)));
            assertThat(c.get(NDArrayIndex.point(block), NDArrayIndex.all(), NDArrayIndex.all())
                    .equalsWithEps(expected, 1e-4)).as("block %d", block).isTrue();
        }
        assertThatThrownBy(() -> RowMajorSgemm.multiplyColumnBlocks(a, b, c, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in 3 blocks");
        assertThatThrownBy(() -> RowMajorSgemm.multiplyColumnBlocks(a, b, Nd4j.create(DataType.FLOAT, 2, 3, 4), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumsTheProductsOfRowBlocksAndTransposedColumnBlocks() {
        Nd4j.getRandom().setSeed(8);
        INDArray a = Nd4j.randn(DataType.FLOAT, 3 * 2, 4); // 3 blocks of [2, 4]
        INDArray b = Nd4j.randn(DataType.FLOAT, 5, 3 * 4); // 3 blocks of [5, 4]
        INDArray c = Nd4j.create(DataType.FLOAT, 2, 5).assign(Float.NaN);
        RowMajorSgemm.sumOfBlockProducts(a, b, c, 3);
        INDArray expected = Nd4j.zeros(DataType.FLOAT, 2, 5);
        for (int block = 0; block < 3; block++) {
            INDArray rows = a.get(NDArrayIndex.interval(block * 2, block * 2 + 2), NDArrayIndex.all());
            INDArray columns = b.get(NDArrayIndex.all(), NDArrayIndex.interval(block * 4, block * 4 + 4));
            expected.addi(rows.mmul(columns.transpose()));
        }
        assertThat(c.equalsWithEps(expected, 1e-4)).isTrue();

        assertThatThrownBy(() -> RowMajorSgemm.sumOfBlockProducts(a, b, c, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in 2 blocks");
        assertThatThrownBy(() -> RowMajorSgemm.sumOfBlockProducts(a, b, Nd4j.create(DataType.FLOAT, 5, 2), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in 3 blocks");
        assertThatThrownBy(() -> RowMajorSgemm.sumOfBlockProducts(a, b.dup('f'), c, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row-major");
    }

    @Test
    void refusesWhatItCannotMultiply() {
        INDArray a = Nd4j.create(DataType.FLOAT, 4, 6);
        assertThat(RowMajorSgemm.supports(Nd4j.create(DataType.DOUBLE, 4, 6))).isFalse();
        assertThat(RowMajorSgemm.supports(Nd4j.create(DataType.FLOAT, 2, 4, 6))).isFalse();
        assertThat(RowMajorSgemm.supports(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6)))).as("every other column")
                .isFalse();
        assertThat(RowMajorSgemm.supports(null)).isFalse();
        assertThatThrownBy(() -> RowMajorSgemm.multiply(a, Nd4j.create(DataType.FLOAT, 5, 3),
                Nd4j.create(DataType.FLOAT, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shapes do not multiply");
        assertThatThrownBy(() -> RowMajorSgemm.multiply(a, Nd4j.create(DataType.DOUBLE, 6, 3),
                Nd4j.create(DataType.FLOAT, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense float matrices");
    }
}
