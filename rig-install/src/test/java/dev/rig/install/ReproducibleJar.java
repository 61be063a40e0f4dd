package dev.rig.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/** Writes jars whose bytes depend only on their entries: sorted names, one fixed timestamp. */
final class ReproducibleJar {

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final String MANIFEST = "Manifest-Version: 1.0\r\nCreated-By: dev.rig.install.TestRepository\r\n\r\n";

    private ReproducibleJar() {}

    /** A jar holding a manifest and {@code entries} (entry name to content). */
    static byte[] of(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            put(jar, JarFile.MANIFEST_NAME, MANIFEST.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> entry : new TreeMap<>(entries).entrySet()) {
                if (!entry.getKey().equals(JarFile.MANIFEST_NAME)) {
                    put(jar, entry.getKey(), entry.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // DOS time in local fields only: no extended-timestamp extra field, no time zone.
        entry.setTimeLocal(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.write(content);
        jar.closeEntry();
    }
}
