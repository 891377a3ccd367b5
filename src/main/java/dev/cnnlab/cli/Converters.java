package dev.cnnlab.cli;

import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns flag values into cnnlab types, with messages that list what is expected.
 */
final class Converters {
    private Converters() {
    }

    /** {@code mnist} or {@code fashion}. */
    static final class Dataset implements ITypeConverter<IdxDataset> {
        @Override
        public IdxDataset convert(String value) {
            return IdxDataset.byKey(value).orElseThrow(() -> new TypeConversionException("expected one of "
                    + Arrays.stream(IdxDataset.values()).map(IdxDataset::key).collect(Collectors.joining(", "))
                    + ", got '" + value + "'"));
        }
    }

    /** A lookup by name that throws {@link IllegalArgumentException} with the expected names, as picocli's error. */
    private abstract static class ByName<T> implements ITypeConverter<T> {
        private final Function<String, T> lookup;

        ByName(Function<String, T> lookup) {
            this.lookup = lookup;
        }

        @Override
        public T convert(String value) {
            try {
                return lookup.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code unit}, {@code standardize} or {@code raw}. */
    static final class ScalingName extends ByName<Scaling> {
        ScalingName() {
            super(Scaling::byKey);
        }
    }

    /**
     * {@code none}, or {@code flip} and/or {@code centre:N}, for a saved model: a bare {@code centre} is refused, since
     * a model does not keep the crops it was trained with.
     */
    static final class TestTimeName extends ByName<TestTimeAugmentation> {
        TestTimeName() {
            super(TestTimeName::forSavedModel);
        }

        private static TestTimeAugmentation forSavedModel(String key) {
            TestTimeAugmentation testTime = TestTimeAugmentation.byKey(key);
            if (testTime.needsTrainingCrop()) {
                throw new IllegalArgumentException("a saved model does not keep its training crops: give centre:N,"
                        + " got '" + key + "'");
            }
            return testTime;
        }
    }

    /** {@code adam}, {@code adam-per-batch} or {@code adam-keras}. */
    static final class OptimizerName extends ByName<Optimizer> {
        OptimizerName() {
            super(Optimizer::byKey);
        }
    }
}
