/**
 * Training jtensor models on Apache Spark: {@link dev.jtensor.spark.SparkTrainer} runs synchronous
 * data-parallel steps over a {@code JavaRDD<}{@link dev.jtensor.spark.Example}{@code >}, with the
 * model built on every JVM by a serialisable {@link dev.jtensor.spark.ModelFactory}. Spark is a
 * {@code provided} dependency: the cluster supplies it.
 */
package dev.jtensor.spark;
