package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.files.AtomicFile;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The rig.yaml file the editors rewrite, and how they prove an edit before it counts.
 *
 * <p>{@link RigYamlEditor} and {@link McpServersEditor} both load the edited text exactly as RIG will
 * (from a temporary file beside the real one, so relative paths resolve the same) and accept it only
 * when the configuration equals the old one but for the section they edited; a write then moves that
 * kind of temporary file over the real one atomically, with the real one's permissions, so a reader
 * sees the old file or the new, never a part or a file that does not load.
 */
final class RigYamlFile {

    /** What is done with the temporary file holding the new text before it is deleted. */
    @FunctionalInterface
    private interface Step {

        void run(Path target, Path temp) throws IOException;
    }

    private RigYamlFile() {}

    /** {@code rigYaml} made absolute, when it is a regular file; NOT_FOUND (with how to create one) when not. */
    static Path existing(Path rigYaml) {
        Path file = rigYaml.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new RigException(ErrorType.NOT_FOUND, "no " + file.getFileName() + " at " + file,
                    "run `rig init` in " + file.getParent() + " to create one");
        }
        return file;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "cannot read " + file + ": " + e.getMessage(),
                    "check the file exists and is readable");
        }
    }

    /** Loads {@code text} as {@code file} would load; throws {@code refusal} unless it loads and {@code check} agrees. */
    static void prove(Path file, String text, Predicate<RigConfig> check, Supplier<RigException> refusal) {
        withTemp(file, text, (target, temp) -> load(file, temp, check, refusal));
    }

    /** Proves {@code text} like {@link #prove} and, when it is accepted, puts it in place of {@code file}. */
    static void write(Path file, String text, Predicate<RigConfig> check, Supplier<RigException> refusal) {
        withTemp(file, text, (target, temp) -> {
            copyPermissions(target, temp);
            load(file, temp, check, refusal);
            AtomicFile.replace(temp, target);
        });
    }

    /** Puts {@code text}, proved before, in place of {@code file}. */
    static void replace(Path file, String text) {
        withTemp(file, text, (target, temp) -> {
            copyPermissions(target, temp);
            AtomicFile.replace(temp, target);
        });
    }

    /**
     * Whether every component of {@code before} and {@code after} other than {@code edited} (and the
     * source path) is equal. All components are compared one by one, so one added to {@link RigConfig}
     * later is checked too.
     */
    static boolean othersEqual(RigConfig before, RigConfig after, String edited) {
        for (RecordComponent component : RigConfig.class.getRecordComponents()) {
            String name = component.getName();
            if (!name.equals(edited) && !name.equals("source")
                    && !Objects.equals(value(component, before), value(component, after))) {
                return false;
            }
        }
        return true;
    }

    private static Object value(RecordComponent component, RigConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read RigConfig." + component.getName(), e);
        }
    }

    /** Writes {@code text} to a temporary file beside {@code file}, runs {@code step}, and deletes what is left. */
    private static void withTemp(Path file, String text, Step step) {
        Path target;
        Path temp;
        try {
            target = file.toRealPath();
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw writeError(file, e);
        }
        try {
            Files.writeString(temp, text);
            step.run(target, temp);
        } catch (IOException e) {
            throw writeError(file, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a leftover temporary file is harmless; the edit itself succeeded or was refused
            }
        }
    }

    private static void load(Path file, Path temp, Predicate<RigConfig> check, Supplier<RigException> refusal) {
        RigConfig loaded;
        try {
            loaded = ConfigLoader.load(file.getParent(), temp);
        } catch (RigException e) {
            throw refusal.get();
        }
        if (!check.test(loaded)) {
            throw refusal.get();
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the new file gets the directory's defaults
        }
    }

    private static RigException writeError(Path file, IOException e) {
        return new RigException(e instanceof AccessDeniedException ? ErrorType.PERMISSION_ERROR
                : ErrorType.INTERNAL_ERROR, "cannot write " + file + ": " + e.getMessage(),
                "check that " + file.getParent() + " is writable and has free space");
    }
}
