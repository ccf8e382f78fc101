/**
 * GPU offload through TornadoVM: {@link dev.jtensor.tornado.TornadoBackend} runs jtensor's kernel
 * SPI on TornadoVM's OpenCL and PTX devices, registered as {@code gpu:N} by
 * {@link dev.jtensor.tornado.TornadoProvider}. See README.md, "GPU offload".
 */
package dev.jtensor.tornado;
