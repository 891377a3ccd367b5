/**
 * A training batch computed in parts at once, one per core, on copies of the network that share its parameters;
 * the parts' gradients are summed before DL4J's updater runs once, so the update is the whole batch's.
 */
package dev.cnnlab.acceleration.split;
