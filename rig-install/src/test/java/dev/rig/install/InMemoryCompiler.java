package dev.rig.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Compiles Java source text to class files in memory with the JDK's compiler, for test fixtures. */
final class InMemoryCompiler {

    private InMemoryCompiler() {}

    /**
     * Compiles {@code sources} (fully qualified class name to source text) for Java 21 against
     * exactly {@code classPath}; the test JVM's own class path is not visible.
     *
     * @return the class files, by jar entry name ({@code com/example/Greeting.class})
     * @throws IllegalStateException with every diagnostic when compilation fails
     */
    static Map<String, byte[]> compile(Map<String, String> sources, List<Path> classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        Map<String, ByteArrayOutputStream> classes = new TreeMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, text) -> units.add(source(className, text)));
        boolean compiled;
        try (StandardJavaFileManager standard =
                     javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                           JavaFileObject.Kind kind, FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
                            + kind.extension), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                            classes.put(className, bytes);
                            return bytes;
                        }
                    };
                }
            };
            List<String> options = List.of("--release", "21", "-proc:none", "-implicit:none");
            compiled = javac.getTask(output, files, diagnostics, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!compiled) {
            throw new IllegalStateException("compilation of " + sources.keySet() + " against " + classPath
                    + " failed:\n" + describe(diagnostics) + output);
        }
        Map<String, byte[]> entries = new TreeMap<>();
        classes.forEach((className, bytes) -> entries.put(className.replace('.', '/') + ".class", bytes.toByteArray()));
        return entries;
    }

    private static JavaFileObject source(String className, String text) {
        URI uri = URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            String file = diagnostic.getSource() == null ? "" : diagnostic.getSource().getName() + ":"
                    + diagnostic.getLineNumber() + ": ";
            out.append("  ").append(file).append(diagnostic.getKind().name().toLowerCase(Locale.ROOT))
                    .append(": ").append(diagnostic.getMessage(Locale.ROOT)).append('\n');
        }
        return out.toString();
    }
}
