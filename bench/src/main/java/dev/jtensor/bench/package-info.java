/** JMH benchmarks of jtensor. */
package dev.jtensor.bench;
