/**
 * Math kernels the acceleration layer and the Java forward pass are built from: im2col, row-major single-precision
 * matrix products through OpenBLAS, bulk float transfers between ND4J's native buffers and Java arrays, and
 * OpenBLAS's thread count.
 */
package dev.cnnlab.kernels;
