package dev.cnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FloatTransferTest {

    @Test
    void readsARowMajorArrayAsItIs() {
        INDArray array = Nd4j.arange(12).castTo(DataType.FLOAT).reshape('c', 3, 4);
        float[] target = new float[12];
        FloatTransfer.read(array, target);
        assertThat(target).containsExactly(array.data().asFloat());
    }

    @Test
    void readsViewsAndOtherOrdersInRowMajorOrder() {
        INDArray matrix = Nd4j.arange(12).castTo(DataType.FLOAT).reshape('c', 3, 4);
        float[] target = new float[6];

        FloatTransfer.read(matrix.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(1, 4)), target);
        assertThat(target).containsExactly(5, 6, 7, 9, 10, 11);

        FloatTransfer.read(matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).transpose(), target);
        assertThat(target).containsExactly(0, 4, 8, 1, 5, 9);

        FloatTransfer.read(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).dup('f'), target);
        assertThat(target).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void writesIntoAContiguousViewAtItsOffsetOnly() {
        INDArray matrix = Nd4j.zeros(DataType.FLOAT, 3, 4);
        FloatTransfer.write(new float[] {1, 2, 3, 4, 99}, matrix.getRow(1));
        assertThat(matrix.data().asFloat()).containsExactly(0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0);
    }

    @Test
    void writesIntoArraysWithDimensionsOfSizeOne() {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 2, 1, 2, 2);
        FloatTransfer.write(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, images);
        assertThat(images.getFloat(1, 0, 1, 1)).isEqualTo(8f);
        INDArray column = Nd4j.zeros(DataType.FLOAT, 3, 1);
        FloatTransfer.write(new float[] {1, 2, 3}, column);
        assertThat(column.getFloat(2, 0)).isEqualTo(3f);
    }

    @Test
    void refusesToWriteIntoAStridedView() {
        INDArray matrix = Nd4j.zeros(DataType.FLOAT, 3, 4);
        assertThatThrownBy(() -> FloatTransfer.write(new float[3], matrix.getColumn(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a contiguous row-major");
        assertThatThrownBy(() -> FloatTransfer.write(new float[12], Nd4j.zeros(DataType.DOUBLE, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(matrix.sumNumber().doubleValue()).isZero();
    }

    @Test
    void floatsWritesAContiguousViewInPlace() {
        INDArray matrix = Nd4j.zeros(DataType.FLOAT, 3, 4);
        FloatBuffer row = FloatTransfer.floats(matrix.getRow(1));
        assertThat(row.capacity()).isEqualTo(4);
        row.put(0, 1).put(3, 4);
        assertThat(matrix.data().asFloat()).containsExactly(0, 0, 0, 0, 1, 0, 0, 4, 0, 0, 0, 0);
        assertThatThrownBy(() -> row.put(4, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> FloatTransfer.floats(matrix.getColumn(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a contiguous row-major");
    }

    @Test
    void toArrayGivesAViewsElementsInRowMajorOrder() {
        INDArray matrix = Nd4j.arange(12).castTo(DataType.FLOAT).reshape('c', 3, 4);

        assertThat(FloatTransfer.toArray(matrix.transpose())).containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
    }
}
