/**
 * The training configuration: every setting declared once ({@link dev.cnnlab.config.Settings}) with its flag, its
 * key in {@code config.json}, its default, its description and whether a resumed run may change it, and the
 * immutable {@link dev.cnnlab.config.TrainingConfig} of a run. The {@code train} command's flags, a run's
 * {@code config.json}, recipes and the checks of {@code --resume} are all derived from the declarations.
 */
package dev.cnnlab.config;
