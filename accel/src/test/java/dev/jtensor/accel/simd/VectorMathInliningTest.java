package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every method of the vector math classes is small enough for C2 to inline where it is hot: at
 * most {@code -XX:FreqInlineSize} (325) bytes of bytecode. A larger one is compiled on its own and
 * the vectors passed to it are boxed, which made softplus three to five times slower.
 */
class VectorMathInliningTest {

    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void everyVectorMethodFitsC2sInliningLimit() throws IOException {
        List<String> tooLarge = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : List.of(FloatMath.class, DoubleMath.class)) {
            for (MethodModel method : parse(type).methods()) {
                if (!method.methodTypeSymbol().descriptorString().contains("jdk/incubator/vector/")) continue;
                int length = method.findAttribute(java.lang.classfile.Attributes.code())
                        .map(CodeAttribute::codeLength).orElse(0);
                checked++;
                if (length > FREQ_INLINE_SIZE) tooLarge.add(type.getSimpleName() + "." + method.methodName() + ": " + length);
            }
        }
        assertTrue(checked > 20, "found only " + checked + " vector methods");
        assertEquals(List.of(), tooLarge);
    }

    private static ClassModel parse(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return ClassFile.of().parse(in.readAllBytes());
        }
    }
}
