/**
 * Saving and restoring variables: {@link dev.jtensor.nn.checkpoint.Checkpoint} (a model or any
 * Module, and its optimizer; deferred restore into layers not built yet),
 * {@link dev.jtensor.nn.checkpoint.CheckpointManager} (numbered checkpoints, the newest kept) and
 * {@link dev.jtensor.nn.checkpoint.Saver} (TensorFlow 1's Saver for graph sessions), all in
 * safetensors files ({@link dev.jtensor.SafeTensors}, checksummed) or {@code .npz}, written
 * atomically and restored all-or-nothing.
 */
package dev.jtensor.nn.checkpoint;
