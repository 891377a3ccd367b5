package dev.cnnlab.runtime;

/**
 * Which build of ND4J's CPU natives {@link NativeSetup#configure()} asked JavaCPP to load, and why.
 *
 * @param extension the JavaCPP platform extension, such as {@code -onednn-avx512}; empty for the plain build
 * @param reason a short human reason, such as {@code this CPU has no AVX-512}
 * @param userSet whether the user chose it with {@code -Dorg.bytedeco.javacpp.platform.extension}
 */
public record NativeChoice(String extension, String reason, boolean userSet) {

    /**
     * One line for the log, e.g. {@code portable natives (-onednn): this CPU has no AVX-512}.
     *
     * @return the summary
     */
    public String summary() {
        String kind = extension.contains("avx512") ? "AVX-512 natives"
                : extension.contains("avx2") ? "AVX2 natives"
                : extension.isEmpty() ? "default natives" : "portable natives";
        return kind + (extension.isEmpty() ? "" : " (" + extension + ")") + ": " + reason;
    }
}
