/**
 * Pictures of learning: the charts, image grids and self-contained HTML report of a training run, and the
 * feature maps of one image passing through a network, and the measured results of the recipes.
 *
 * <p>Charts are drawn with XChart and image grids with plain Java2D, straight to PNG, so a report needs no
 * browser, display or native library to be made, and {@code report.html} embeds every picture so it can be
 * mailed or archived as one file.
 */
package dev.cnnlab.report;
