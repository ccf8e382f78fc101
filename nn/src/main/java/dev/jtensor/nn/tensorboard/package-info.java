/**
 * TensorBoard event files: {@link dev.jtensor.nn.tensorboard.SummaryWriter} writes scalars,
 * histograms, images, text and graphs as TensorFlow's {@code Event} protobufs in TFRecord
 * framing, which TensorBoard reads; {@link dev.jtensor.nn.tensorboard.EventFile} reads them back,
 * checking every record's checksums. The {@code fit} callback is
 * {@link dev.jtensor.nn.callbacks.TensorBoard}. The messages are protoc's classes from
 * TensorBoard's {@code compat/proto} files, in {@code dev.jtensor.nn.tensorboard.proto}.
 */
package dev.jtensor.nn.tensorboard;
