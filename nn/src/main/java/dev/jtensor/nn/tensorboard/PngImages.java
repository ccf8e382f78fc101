package dev.jtensor.nn.tensorboard;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Image tensors as PNG files (javax.imageio, no display needed). A tensor is one image of shape
 * (height, width, channels) or a batch of shape (n, height, width, channels), with 1 (grayscale),
 * 3 (RGB) or 4 (RGBA) channels. Integer values must lie in [0, 255]; floating-point values are
 * taken as [0, 1] and converted as {@code tf.image.convert_image_dtype(x, tf.uint8, saturate=True)}:
 * {@code x * 255.5} clamped to [0, 255] and truncated (NaN becomes 0).
 */
final class PngImages {

    /** One encoded image and its size. */
    record Png(int height, int width, int channels, byte[] bytes) {
    }

    private PngImages() {
    }

    /** The shape checks; returns {n, height, width, channels}. */
    private static int[] dimensions(Tensor images) {
        int rank = images.rank();
        if (rank != 3 && rank != 4) {
            throw new InvalidArgumentException("SummaryWriter.image: images must have shape (height, width, channels) or "
                    + "(n, height, width, channels), got " + images.shape());
        }
        int[] s = images.shape().toArray();
        int[] d = rank == 3 ? new int[] {1, s[0], s[1], s[2]} : s;
        if (d[3] != 1 && d[3] != 3 && d[3] != 4) {
            throw new InvalidArgumentException("SummaryWriter.image: images must have 1, 3 or 4 channels, got " + d[3]
                    + " in shape " + images.shape());
        }
        if (d[1] == 0 || d[2] == 0) {
            throw new InvalidArgumentException("SummaryWriter.image: an image must have pixels, got shape " + images.shape());
        }
        return d;
    }

    /**
     * The first {@code count} images of {@code images} as PNG files.
     *
     * @throws InvalidArgumentException if the shape, the dtype or an integer value is not an image's
     */
    static List<Png> encode(Tensor images, int count) {
        int[] d = dimensions(images);
        int n = Math.min(count, d[0]);
        int size = d[1] * d[2] * d[3];
        int[] all = samples(images, n * size);
        List<Png> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(encode(d, Arrays.copyOfRange(all, i * size, (i + 1) * size)));
        return out;
    }

    private static Png encode(int[] d, int[] samples) {
        int height = d[1], width = d[2], channels = d[3];
        int type = switch (channels) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            default -> BufferedImage.TYPE_4BYTE_ABGR;
        };
        BufferedImage image = new BufferedImage(width, height, type);
        WritableRaster raster = image.getRaster();   // bands in R, G, B, A order for these types
        raster.setPixels(0, 0, width, height, samples);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("SummaryWriter.image: PNG encoding failed: " + e.getMessage(), e);
        }
        return new Png(height, width, channels, png.toByteArray());
    }

    /** The first {@code size} values as 8-bit samples. */
    private static int[] samples(Tensor images, int size) {
        int[] out = new int[size];
        if (images.dtype() == DType.FLOAT32 || images.dtype() == DType.FLOAT64) {
            double[] v = images.toDoubleArray();
            for (int i = 0; i < size; i++) {
                double x = v[i] * 255.5;
                out[i] = Double.isNaN(x) ? 0 : (int) Math.min(255, Math.max(0, x));
            }
        } else if (images.dtype() == DType.INT32 || images.dtype() == DType.INT64) {
            long[] v = images.toLongArray();
            for (int i = 0; i < size; i++) {
                long x = v[i];
                if (x < 0 || x > 255) {
                    throw new InvalidArgumentException("SummaryWriter.image: integer pixel values must be in [0, 255], got "
                            + x + " at flat index " + i);
                }
                out[i] = (int) x;
            }
        } else {
            throw new InvalidArgumentException("SummaryWriter.image: images must be float32, float64, int32 or int64, got "
                    + images.dtype());
        }
        return out;
    }
}
