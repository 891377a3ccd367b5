package dev.cnnlab.acceleration.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.core.JsonGenerator;
import org.nd4j.shade.jackson.databind.JsonSerializer;
import org.nd4j.shade.jackson.databind.SerializerProvider;
import org.nd4j.shade.jackson.databind.annotation.JsonSerialize;
import org.nd4j.shade.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;

/**
 * DL4J's ReLU with a faster backward pass: the gradient is computed in place in the pre-activations, as the step
 * function of them times the incoming gradient (two element-wise ops), where ND4J 1.0.0-M2.1's
 * {@code ActivationReLU} allocates a new array and runs libnd4j's {@code relu_bp}, several times slower on LeNet's
 * first-layer output than these two ops ({@code KernelTimes.java}; docs/performance.md).
 * Writing into the pre-activations is what DL4J's own sigmoid, tanh and thresholded ReLU do: layers hand
 * {@code backprop} a pre-activation array that nothing reads afterwards.
 *
 * <p>The same numbers, except where the incoming gradient is infinite or NaN at a negative pre-activation (relu_bp
 * gives 0 there, the product NaN), which ends training either way. Saved as plain {@code ActivationReLU}: a model
 * trained with this class loads in any DL4J, and cnnlab puts it back on each network it trains
 * ({@link BackpropShortcuts}). Only the default ReLU (no maximum, threshold or negative slope) is replaced.
 */
@JsonSerialize(using = InPlaceBackpropReLU.SavedAsActivationReLU.class)
public final class InPlaceBackpropReLU extends ActivationReLU {
    private static final long serialVersionUID = 1L;

    /**
     * @param function an activation function
     * @return whether it is DL4J's default ReLU, which this class computes
     */
    public static boolean replaces(Object function) {
        return function != null && function.getClass() == ActivationReLU.class && function.equals(new ActivationReLU());
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(Transforms.step(in, false).muli(epsilon), null);
    }

    /** Writes the function as the {@code ActivationReLU} it computes, so the saved configuration names DL4J's class. */
    static final class SavedAsActivationReLU extends JsonSerializer<InPlaceBackpropReLU> {
        @Override
        public void serialize(InPlaceBackpropReLU value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            provider.findValueSerializer(ActivationReLU.class).serialize(new ActivationReLU(), gen, provider);
        }

        @Override
        public void serializeWithType(InPlaceBackpropReLU value, JsonGenerator gen, SerializerProvider provider,
                TypeSerializer typeSer) throws IOException {
            provider.findValueSerializer(ActivationReLU.class).serializeWithType(new ActivationReLU(), gen, provider,
                    typeSer);
        }
    }
}
