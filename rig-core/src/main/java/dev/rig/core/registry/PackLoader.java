package dev.rig.core.registry;

import dev.rig.spi.Pack;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds packs: those on the gateway's own class path (the bundled ones) and those installed under
 * the packs directory, each installed pack in a class loader of its own.
 *
 * <p>A directory under the packs directory is one pack (all its jars in one loader); a jar directly
 * in it is a pack by itself. A pack that cannot be instantiated, or whose id is already taken, is
 * reported as a {@link PackProblem} and skipped; discovery goes on.
 */
public final class PackLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PackLoader.class);

    private final ClassLoader gatewayLoader;

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

    /** Finds the bundled packs and those installed in {@code packsDirectory} (which may not exist). */
    public Discovery discover(Path packsDirectory) {
        Map<String, LoadedPack> found = new LinkedHashMap<>();
        List<PackProblem> problems = new ArrayList<>();
        load(gatewayLoader, "classpath", found, problems);
        for (Path location : installed(packsDirectory)) {
            try {
                load(isolatedLoader(location), location.toString(), found, problems);
            } catch (IOException e) {
                problems.add(new PackProblem("?", location.toString(), "cannot read pack: " + e.getMessage()));
            }
        }
        return new Discovery(new ArrayList<>(found.values()), problems);
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

    private static List<Path> installed(Path packsDirectory) {
        if (packsDirectory == null || !Files.isDirectory(packsDirectory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(packsDirectory)) {
            return entries.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list packs directory {}: {}", packsDirectory, e.getMessage());
            return List.of();
        }
    }

    private ClassLoader isolatedLoader(Path location) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> jars = Files.walk(location)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(jar));
                }
            }
        } else {
            urls.add(url(location));
        }
        return new URLClassLoader("pack:" + location.getFileName(), urls.toArray(URL[]::new),
                new SpiOnlyClassLoader(gatewayLoader));
    }

    private static URL url(Path jar) throws MalformedURLException {
        return jar.toUri().toURL();
    }
}
