package dev.cnnlab.cli;

import dev.cnnlab.data.IdxDataset;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.zoo.Optimizer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
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

    /** {@code unit} or {@code standardize}. */
    static final class ScalingName implements ITypeConverter<Scaling> {
        @Override
        public Scaling convert(String value) {
            try {
                return Scaling.byKey(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code adam} or {@code adam-per-batch}. */
    static final class OptimizerName implements ITypeConverter<Optimizer> {
        @Override
        public Optimizer convert(String value) {
            try {
                return Optimizer.byKey(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
