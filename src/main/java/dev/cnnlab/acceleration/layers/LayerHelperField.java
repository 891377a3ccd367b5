package dev.cnnlab.acceleration.layers;

import java.lang.reflect.Field;

/**
 * Replaces a DL4J layer's platform helper. DL4J 1.0.0-M2.1 picks the helper class by name in each layer's
 * constructor and offers no setter, so the protected {@code helper} field is set by reflection.
 */
final class LayerHelperField {
    private LayerHelperField() {
    }

    /**
     * @param layer     the layer instance
     * @param declaring the DL4J class that declares the {@code helper} field
     * @param helper    the new helper
     * @throws IllegalStateException when that DL4J class has no such field (another DL4J version)
     */
    static void set(Object layer, Class<?> declaring, Object helper) {
        try {
            Field field = declaring.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(declaring.getSimpleName() + " has no 'helper' field in this DL4J", e);
        }
    }
}
