/** Runnable programs: the seed notebooks' examples written with jtensor. */
package dev.jtensor.examples;
