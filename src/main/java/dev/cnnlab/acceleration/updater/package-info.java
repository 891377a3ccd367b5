/**
 * Adam's update as a Java loop that HotSpot vectorises, in place of libnd4j's scalar op; the moments stay in DL4J's
 * updater state, so saved models keep DL4J's own updater.
 */
package dev.cnnlab.acceleration.updater;
