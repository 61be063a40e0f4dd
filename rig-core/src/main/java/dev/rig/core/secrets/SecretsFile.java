package dev.rig.core.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .rig/secrets.env}: {@code NAME=value} lines, {@code #} comments, optional quotes.
 *
 * <p>The file is refused unless only its owner can read it (mode 600 or stricter), so a secret
 * is never read from a file others can see.
 */
public final class SecretsFile {

    private SecretsFile() {}

    /** The outcome of reading the file: its values, or why it was refused. */
    public record Reading(SecretSource source, String problem) {}

    /** Reads {@code file}; a missing file gives no values and no problem. */
    public static Reading read(Path file) {
        if (!Files.exists(file)) {
            return new Reading(new SecretSource("file", Map.of()), null);
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> tooOpen = EnumSet.of(PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);
            tooOpen.retainAll(permissions);
            if (!tooOpen.isEmpty()) {
                return new Reading(new SecretSource("file", Map.of()), file + " is readable by others (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                        + "); its secrets are ignored: run chmod 600 " + file);
            }
            return new Reading(new SecretSource("file", parse(Files.readAllLines(file))), null);
        } catch (UnsupportedOperationException e) {
            return new Reading(new SecretSource("file", Map.of()), "cannot check the permissions of " + file
                    + " on this file system; its secrets are ignored");
        } catch (IOException e) {
            return new Reading(new SecretSource("file", Map.of()), "cannot read " + file + ": " + e.getMessage());
        }
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(name, value);
        }
        return values;
    }
}
