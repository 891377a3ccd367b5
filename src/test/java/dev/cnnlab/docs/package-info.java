/**
 * Tests that keep the documentation true: README.md and docs/ link only to files that exist, every
 * {@code scripts/cnnlab} command they show parses against the real command tree, and the generated parts
 * (docs/cli.md, the recipes tables) match what their generators write today.
 */
package dev.cnnlab.docs;
