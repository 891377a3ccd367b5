package dev.cnnlab.zoo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every network architecture cnnlab can build, by name.
 */
public final class ModelZoo {
    private static final Map<String, Architecture> ARCHITECTURES = new LinkedHashMap<>();

    static {
        for (Architecture a : List.of(new LeNet(), TfLeNet.tutorial(false), TfLeNet.improved(),
                TfLeNet.tutorial(true), KerasMnistNet.tutorial(), KerasMnistNet.improved(),
                new ScratchTwoConvNet(), new FashionBasicNet(), new FashionNet(), new CatsDogsBasicNet(),
                new CatsDogsNet())) {
            ARCHITECTURES.put(a.name(), a);
        }
    }

    private ModelZoo() {
    }

    /** @return every architecture, in a stable order */
    public static List<Architecture> all() {
        return List.copyOf(ARCHITECTURES.values());
    }

    /**
     * @param name an architecture name
     * @return the architecture, if there is one of that name
     */
    public static Optional<Architecture> find(String name) {
        return Optional.ofNullable(ARCHITECTURES.get(name));
    }

    /**
     * @param name an architecture name given with {@code --model}
     * @return the architecture
     * @throws CnnlabException listing the known names when there is none of that name
     */
    public static Architecture require(String name) {
        return find(name).orElseThrow(() -> new InvalidSettingException(Settings.MODEL, "unknown network '" + name
                + "', expected one of " + String.join(", ", ARCHITECTURES.keySet())));
    }
}
