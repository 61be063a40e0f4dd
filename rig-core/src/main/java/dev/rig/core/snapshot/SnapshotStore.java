package dev.rig.core.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.files.AtomicFile;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The snapshot history of a workspace, in {@code .rig/snapshots/}: one immutable {@code <id>.json} per
 * snapshot ever built, and {@code roles.json} (which one is active, canary, previous).
 *
 * <p>Changes of roles happen inside {@link #locked}: a lock on {@code .rig/snapshots/.lock} that a
 * running gateway and a {@code rig} command in another process both take, so a promotion and an
 * automatic rollback cannot interleave; within one JVM, every store of a directory shares one
 * reentrant lock in front of the file lock. Files are written atomically.
 */
public final class SnapshotStore {

    private static final String ROLES = "roles.json";
    private static final String SUFFIX = ".json";

    /** One lock per history directory in this JVM: a file lock cannot be taken twice by one process. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path directory;
    private final ReentrantLock inProcess;
    /** Records are immutable and named by their content: read each once. */
    private final ConcurrentHashMap<String, SnapshotRecord> records = new ConcurrentHashMap<>();

    private SnapshotStore(Path directory) {
        this.directory = directory;
        this.inProcess = IN_PROCESS.computeIfAbsent(directory, d -> new ReentrantLock());
    }

    /** The history of the workspace in {@code workingDirectory}. */
    public static SnapshotStore of(Path workingDirectory) {
        return new SnapshotStore(workingDirectory.toAbsolutePath().normalize().resolve(".rig").resolve("snapshots"));
    }

    /** {@code .rig/snapshots}. */
    public Path directory() {
        return directory;
    }

    /** The file that holds the roles. */
    public Path rolesFile() {
        return directory.resolve(ROLES);
    }

    /** Keeps {@code record} unless a record of that id is kept already (same id, same content). */
    public void save(SnapshotRecord record) {
        if (records.containsKey(record.id())) {
            return;
        }
        Path file = directory.resolve(record.id() + SUFFIX);
        if (!Files.exists(file)) {
            write(file, record.toJson());
        }
        records.putIfAbsent(record.id(), record);
    }

    /**
     * The record whose id is {@code idOrPrefix} or starts with it.
     *
     * @throws RigException {@code validation_error} when the prefix fits several records
     */
    public Optional<SnapshotRecord> find(String idOrPrefix) {
        SnapshotRecord known = records.get(idOrPrefix);
        if (known != null) {
            return Optional.of(known);
        }
        Path exact = directory.resolve(idOrPrefix + SUFFIX);
        if (!idOrPrefix.isEmpty() && !idOrPrefix.contains("/") && Files.exists(exact)) {
            SnapshotRecord record = read(exact);
            records.putIfAbsent(record.id(), record);
            return Optional.of(record);
        }
        List<Path> matches = files().stream().filter(f -> f.getFileName().toString().startsWith(idOrPrefix)).toList();
        if (matches.size() > 1) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "snapshot id '" + idOrPrefix + "' fits "
                    + matches.size() + " snapshots", "give more of the id (`rig snapshots` lists them)");
        }
        return matches.stream().findFirst().map(this::read);
    }

    /** Every kept snapshot, oldest first. */
    public List<SnapshotRecord> list() {
        List<SnapshotRecord> records = new ArrayList<>(files().stream().map(this::read).toList());
        records.sort(Comparator.comparing(SnapshotRecord::createdAt).thenComparing(SnapshotRecord::id));
        return records;
    }

    /** The roles; {@link Roles#NONE} before the first snapshot. */
    public Roles roles() {
        Path file = rolesFile();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Roles.NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Roles.fromJson(Json.parse(text));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, file + " cannot be used: " + e.getMessage(),
                    "restore it, or delete it: the gateway then starts a new history from rig.lock");
        }
    }

    /** Writes {@code roles} (inside {@link #locked}). */
    public void write(Roles roles) {
        write(rolesFile(), roles.toJson());
    }

    /** Runs {@code change} holding the history's lock (against this and other processes); reentrant. */
    public <T> T locked(Supplier<T> change) {
        if (inProcess.isHeldByCurrentThread()) {
            return change.get();
        }
        inProcess.lock();
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                return change.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + directory, e);
        } finally {
            inProcess.unlock();
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(SUFFIX) && !name.equals(ROLES) && !name.startsWith(".");
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private SnapshotRecord read(Path file) {
        try {
            return SnapshotRecord.fromJson(Json.parse(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "snapshot record " + file + " cannot be used: "
                    + e.getMessage(), "delete the file: that snapshot leaves the history");
        }
    }

    private void write(Path file, JsonNode content) {
        try {
            Files.createDirectories(directory);
            AtomicFile.write(file, (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(content) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
