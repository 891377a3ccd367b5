/**
 * Progress bars for every long step (downloads, epochs, evaluation), drawn on standard error, and the lines a step
 * logs once per pass, such as its rate.
 */
package dev.cnnlab.progress;
