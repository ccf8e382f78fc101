package dev.jtensor.proptests;

import dev.jtensor.TF;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The public classes of the API packages, found by listing the class files of the jars or
 * directories that hold {@link TF}, {@link GradientTape}, {@link Graph}, nn's Model and spark's SparkTrainer (so a new class is covered without
 * being named anywhere), and their public constructors and methods.
 */
final class ApiClasses {

    private ApiClasses() {
    }

    static List<Class<?>> scan(List<String> packages) {
        List<String> names = new ArrayList<>();
        for (Class<?> anchor : List.of(TF.class, GradientTape.class, Graph.class, dev.jtensor.nn.Model.class,
                dev.jtensor.spark.SparkTrainer.class)) {
            names.addAll(classNames(location(anchor)));
        }
        return names.stream().distinct().sorted()
                .filter(n -> packages.contains(n.substring(0, n.lastIndexOf('.'))))
                .map(ApiClasses::load)
                .filter(ApiClasses::isPublicApi)
                .toList();
    }

    /** Public constructors, and public methods declared (not inherited) by {@code owner}, in a stable order. */
    static List<Executable> publicMembers(Class<?> owner) {
        List<Executable> members = new ArrayList<>();
        if (!Modifier.isAbstract(owner.getModifiers()) || owner.isInterface()) {
            members.addAll(Arrays.asList(owner.getConstructors()));
        }
        for (Method m : owner.getDeclaredMethods()) {
            // abstract interface methods are checked on their implementations
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !Modifier.isAbstract(m.getModifiers())) {
                members.add(m);
            }
        }
        members.sort(Comparator.comparing(Executable::toGenericString));
        return members;
    }

    static String simpleName(Class<?> c) {
        return c.getName().substring(c.getPackageName().length() + 1);
    }

    static String name(Executable member) {
        return member instanceof Method ? member.getName() : "<init>";
    }

    static String[] parameterNames(String method, Class<?> owner) {
        return Arrays.stream(owner.getMethods()).filter(m -> m.getName().equals(method))
                .flatMap(m -> Arrays.stream(m.getParameters())).map(Parameter::getName).toArray(String[]::new);
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) return false;
        }
        return !c.isAnonymousClass() && !c.isSynthetic() && !c.isAnnotation();
    }

    private static Path location(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binary class names ({@code dev.jtensor.Index$Range}) in a jar or a classes directory. */
    private static List<String> classNames(Path root) {
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    return files.map(f -> root.relativize(f).toString().replace('\\', '/'))
                            .filter(ApiClasses::isClassFile).map(ApiClasses::toClassName).toList();
                }
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                return jar.stream().map(e -> e.getName()).filter(ApiClasses::isClassFile)
                        .map(ApiClasses::toClassName).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isClassFile(String path) {
        return path.endsWith(".class") && !path.endsWith("package-info.class") && !path.startsWith("META-INF");
    }

    private static String toClassName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
