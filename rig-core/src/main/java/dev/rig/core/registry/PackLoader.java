package dev.rig.core.registry;

import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PackIntegrity;
import dev.rig.spi.Pack;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds packs: those on the gateway's own class path, the workspace's installed packs (each in a
 * class loader of its own, after its jars matched {@code rig.lock}), and, for a working directory
 * without a lock, the distribution's bundled packs.
 *
 * <p>Isolation: an installed pack's loader holds exactly its locked jars, and its parent is
 * {@link SpiOnlyClassLoader}, so the pack sees the JDK, {@code dev.rig.spi} and its own libraries,
 * never the gateway's or another pack's. Verification hashes every jar before the loader exists; a
 * pack whose jars differ from the lock is refused with each difference named. A pack that cannot be
 * instantiated, or whose id is already taken, is reported as a {@link PackProblem} and skipped;
 * discovery goes on. Loaders of packs whose lock entry did not change are reused across reloads.
 */
public final class PackLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PackLoader.class);

    private final ClassLoader gatewayLoader;
    private final Map<String, List<LoadedPack>> installedLoaders = new ConcurrentHashMap<>();

    public PackLoader(ClassLoader gatewayLoader) {
        this.gatewayLoader = gatewayLoader;
    }

    /** What discovery found: the packs by id, in discovery order, and the problems met. */
    public record Discovery(List<LoadedPack> packs, List<PackProblem> problems) {

        public Discovery {
            packs = List.copyOf(packs);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Where to look: the packs directory, the lock (null when the working directory has none), the
     * distribution's bundled packs (null for none; used only without a lock) and which pack ids are
     * enabled (disabled installed packs are not even verified).
     */
    public record Sources(Path packsDirectory, LockFile lock, Path bundledPacks, Predicate<String> enabled) {

        public Sources {
            Objects.requireNonNull(packsDirectory, "packsDirectory");
            enabled = enabled == null ? id -> true : enabled;
        }
    }

    /** Finds the packs of {@code sources}. */
    public Discovery discover(Sources sources) {
        Map<String, LoadedPack> found = new LinkedHashMap<>();
        List<PackProblem> problems = new ArrayList<>();
        load(gatewayLoader, "classpath", found, problems);
        if (sources.lock() != null) {
            loadLocked(sources, found, problems);
        } else {
            for (Path location : subdirectories(sources.bundledPacks())) {
                try {
                    load(isolatedLoader(jarsIn(location), "bundled:" + location.getFileName()), "bundled " + location,
                            found, problems);
                } catch (IOException e) {
                    problems.add(new PackProblem(location.getFileName().toString(), location.toString(),
                            "cannot read bundled pack: " + e.getMessage()));
                }
            }
            for (Path location : subdirectories(sources.packsDirectory())) {
                problems.add(new PackProblem(location.getFileName().toString(), location.toString(),
                        "installed but there is no " + LockFile.FILE_NAME + " to check it against; not loaded"
                                + " (run `rig install --force " + location.getFileName() + "`)"));
            }
        }
        return new Discovery(new ArrayList<>(found.values()), problems);
    }

    /**
     * Loads the packs in {@code jars} (one class loader, as an installed pack would get) without
     * checking them against a lock: what {@code rig install} does with jars it has just staged, to
     * learn the pack's id and tools before anything is written.
     */
    public Discovery inspect(List<Path> jars, String source) {
        Map<String, LoadedPack> found = new LinkedHashMap<>();
        List<PackProblem> problems = new ArrayList<>();
        try {
            load(isolatedLoader(jars, "inspect:" + source), source, found, problems);
        } catch (IOException e) {
            problems.add(new PackProblem("?", source, "cannot read the jars: " + e.getMessage()));
        }
        return new Discovery(new ArrayList<>(found.values()), problems);
    }

    private void loadLocked(Sources sources, Map<String, LoadedPack> found, List<PackProblem> problems) {
        List<LockedPack> wanted = sources.lock().packs().values().stream()
                .filter(p -> p.runtime().equals(LockedPack.JAVA) && sources.enabled().test(p.packId())).toList();
        // Hashing is the cost of a start with many packs: verify the packs in parallel, load them in lock order.
        long started = System.nanoTime();
        List<List<String>> differences = wanted.parallelStream()
                .map(p -> PackIntegrity.check(PackIntegrity.directory(sources.packsDirectory(), p), p)).toList();
        LOG.atDebug().setMessage("installed packs checked against rig.lock").addKeyValue("packs", wanted.size())
                .addKeyValue("jars", wanted.stream().mapToInt(p -> p.jars().size()).sum())
                .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000).log();
        Set<String> current = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            LockedPack locked = wanted.get(i);
            Path dir = PackIntegrity.directory(sources.packsDirectory(), locked);
            if (!differences.get(i).isEmpty()) {
                problems.add(new PackProblem(locked.packId(), dir.toString(), "refused: its jars do not match "
                        + LockFile.FILE_NAME + ": " + String.join("; ", differences.get(i)) + ". Fix: `rig install --force "
                        + locked.packId() + "` to install it again, or `rig verify " + locked.packId() + "`"));
                LOG.atWarn().setMessage("pack refused: jars differ from rig.lock").addKeyValue("pack", locked.packId())
                        .addKeyValue("differences", differences.get(i).size()).log();
                continue;
            }
            String key = locked.packId() + "@" + locked.version() + " " + locked.integrity();
            current.add(key);
            List<LoadedPack> cached = installedLoaders.get(key);
            if (cached != null) {
                cached.forEach(pack -> add(pack, found, problems));
                continue;
            }
            Map<String, LoadedPack> fromJar = new LinkedHashMap<>();
            try {
                List<Path> jars = locked.jars().stream().map(jar -> dir.resolve(jar.file())).toList();
                load(isolatedLoader(jars, "pack:" + locked.packId()), dir.toString(), fromJar, problems);
            } catch (IOException e) {
                problems.add(new PackProblem(locked.packId(), dir.toString(), "cannot read pack: " + e.getMessage()));
                continue;
            }
            List<LoadedPack> loaded = new ArrayList<>();
            for (LoadedPack pack : fromJar.values()) {
                if (!pack.info().id().equals(locked.packId())) {
                    problems.add(new PackProblem(locked.packId(), dir.toString(), "the jars of " + locked.coordinates()
                            + " hold pack '" + pack.info().id() + "', but rig.lock installed them as '"
                            + locked.packId() + "'; run `rig install --force " + locked.packId() + "`"));
                    continue;
                }
                loaded.add(pack);
            }
            if (loaded.isEmpty() && fromJar.isEmpty()) {
                problems.add(new PackProblem(locked.packId(), dir.toString(), locked.coordinates()
                        + " has no META-INF/services/dev.rig.spi.Pack: it is not a RIG pack"));
            }
            installedLoaders.put(key, List.copyOf(loaded));
            loaded.forEach(pack -> add(pack, found, problems));
        }
        // Loaders of packs no longer locked are dropped here; calls still running on them keep them alive.
        installedLoaders.keySet().retainAll(current);
        for (Path location : subdirectories(sources.packsDirectory())) {
            String id = location.getFileName().toString();
            if (sources.lock().pack(id).isEmpty()) {
                problems.add(new PackProblem(id, location.toString(), "not in " + LockFile.FILE_NAME
                        + ", so not loaded; `rig install " + id + "` installs it properly, or delete " + location));
            }
        }
    }

    private static void add(LoadedPack pack, Map<String, LoadedPack> found, List<PackProblem> problems) {
        LoadedPack existing = found.get(pack.info().id());
        if (existing != null) {
            problems.add(new PackProblem(pack.info().id(), pack.info().source(), "id '" + pack.info().id()
                    + "' is already taken by the pack from " + existing.info().source() + "; remove one of them"));
            return;
        }
        found.put(pack.info().id(), pack);
    }

    private void load(ClassLoader loader, String source, Map<String, LoadedPack> found, List<PackProblem> problems) {
        ServiceLoader<Pack> services = ServiceLoader.load(Pack.class, loader);
        var providers = services.stream().iterator();
        while (true) {
            ServiceLoader.Provider<Pack> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                problems.add(new PackProblem("?", source, "cannot load pack class: " + e.getMessage()));
                LOG.warn("pack skipped: source={} reason={}", source, e.getMessage());
                continue;
            }
            String className = provider.type().getName();
            Pack pack;
            try {
                pack = provider.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(new PackProblem(className, source, "cannot instantiate " + className + ": " + e));
                LOG.warn("pack skipped: class={} source={} reason={}", className, source, e.toString());
                continue;
            }
            String id = pack.id();
            String version = pack.version();
            if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                problems.add(new PackProblem(String.valueOf(id), source,
                        "id: must match [a-z0-9][a-z0-9_-]{0,63} (class " + className + ")"));
                continue;
            }
            if (version == null || version.isBlank()) {
                problems.add(new PackProblem(id, source, "version: must not be empty (class " + className + ")"));
                continue;
            }
            LoadedPack existing = found.get(id);
            if (existing != null) {
                problems.add(new PackProblem(id, source, "id '" + id + "' is already taken by the pack from "
                        + existing.info().source() + "; remove one of them"));
                LOG.warn("pack skipped: id={} source={} reason=duplicate id (first from {})", id, source,
                        existing.info().source());
                continue;
            }
            PackInfo info = new PackInfo(id, version, pack.description(), source);
            found.put(id, new LoadedPack(pack, info, loader));
            LOG.atInfo().setMessage("pack found").addKeyValue("pack", id).addKeyValue("version", version)
                    .addKeyValue("source", source).log();
        }
    }

    private static List<Path> subdirectories(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            LOG.warn("cannot list packs directory {}: {}", directory, e.getMessage());
            return List.of();
        }
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> jars = Files.walk(directory)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private ClassLoader isolatedLoader(List<Path> jars, String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(url(jar));
        }
        return new URLClassLoader(name, urls.toArray(URL[]::new), new SpiOnlyClassLoader(gatewayLoader));
    }

    private static URL url(Path jar) throws MalformedURLException {
        return jar.toUri().toURL();
    }
}
