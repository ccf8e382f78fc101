package dev.jtensor.accel;

/**
 * Where the sliding windows of a 2-D convolution or pooling fall on a batch of NHWC images:
 * window {@code (oh, ow)} of image {@code n} covers the pixels
 * {@code (oh * strideHeight - padTop + kh * dilationHeight, ow * strideWidth - padLeft + kw * dilationWidth)}
 * for {@code kh < kernelHeight}, {@code kw < kernelWidth}; pixels outside the image are padding.
 *
 * @param batch          images in the batch (N)
 * @param height         image height (H)
 * @param width          image width (W)
 * @param channels       channels per pixel (C)
 * @param kernelHeight   window height (KH)
 * @param kernelWidth    window width (KW)
 * @param strideHeight   rows between windows
 * @param strideWidth    columns between windows
 * @param dilationHeight rows between a window's taps
 * @param dilationWidth  columns between a window's taps
 * @param padTop         padding rows above the image
 * @param padLeft        padding columns left of the image
 * @param outHeight      windows down (OH)
 * @param outWidth       windows across (OW)
 */
public record PatchGeometry(int batch, int height, int width, int channels, int kernelHeight, int kernelWidth,
                            int strideHeight, int strideWidth, int dilationHeight, int dilationWidth,
                            int padTop, int padLeft, int outHeight, int outWidth) {

    /** Elements of one image, {@code H * W * C}. */
    public int imageSize() {
        return height * width * channels;
    }

    /** Elements of one window, {@code KH * KW * C}. */
    public int patchSize() {
        return kernelHeight * kernelWidth * channels;
    }

    /** Elements of the patches of one image, {@code OH * OW * KH * KW * C}. */
    public int patchesPerImage() {
        return outHeight * outWidth * patchSize();
    }
}
