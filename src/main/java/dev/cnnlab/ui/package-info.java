/**
 * DL4J's training UI for cnnlab: starting and stopping the web server on a chosen address (loopback by
 * default), the statistics listener and where its statistics go (the run directory, a remote UI), and
 * serving finished runs again later.
 */
package dev.cnnlab.ui;
