/**
 * Progress bars for every long step (downloads, epochs, evaluation), drawn on standard error.
 */
package dev.cnnlab.progress;
