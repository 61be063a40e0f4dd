package dev.rig.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes a real pack jar for a test: the given classes (with their nested classes) and a services file. */
final class PackJar {

    private PackJar() {}

    static Path write(Path jar, Class<?> host, String... packClasses) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.rig.spi.Pack"));
            out.write((String.join("\n", packClasses) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            Path classes = Path.of(host.getProtectionDomain().getCodeSource().getLocation().getPath());
            String prefix = host.getName().replace('.', '/');
            try (var files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(file).toString();
                    if (name.equals(prefix + ".class") || name.startsWith(prefix + "$")) {
                        out.putNextEntry(new JarEntry(name));
                        try (InputStream in = Files.newInputStream(file)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }
}
