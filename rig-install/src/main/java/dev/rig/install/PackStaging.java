package dev.rig.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.config.PolicySettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import dev.rig.core.lock.PackIntegrity;
import dev.rig.core.policy.Policy;
import dev.rig.core.policy.RetrySchedule;
import dev.rig.core.registry.LoadedPack;
import dev.rig.core.registry.PackLoader;
import dev.rig.core.registry.PackProblem;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.registry.SnapshotBuilder;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings one pack version into a staging directory under the packs directory: resolves it, copies
 * and hashes its jars, and loads it once in a class loader of its own to learn its id and tools. The
 * caller decides what happens to the staged directory; a failure here deletes it.
 */
final class PackStaging {

    static final String PREFIX = ".staging-";

    private final RigConfig config;
    private final PackResolver resolver;
    private final Consumer<String> notices;
    private final PackLoader loader = new PackLoader(PackStaging.class.getClassLoader());
    private final Policy policy = new Policy(PolicySettings.DEFAULTS, new RetrySchedule(Duration.ofMillis(200)));

    PackStaging(RigConfig config, PackResolver resolver, Consumer<String> notices) {
        this.config = config;
        this.resolver = resolver;
        this.notices = notices;
    }

    /**
     * Stages {@code groupId:artifactId:version}.
     *
     * @param expectedId the pack id the artifact must hold, or null to take whatever single pack it holds
     */
    StagedPack stage(String groupId, String artifactId, String version, String expectedId) {
        String coordinates = groupId + ":" + artifactId + ":" + version;
        notices.accept("resolving " + coordinates);
        List<PackResolver.ResolvedJar> resolved = resolver.resolve(groupId, artifactId, version);
        Path directory;
        List<LockedJar> jars = new ArrayList<>();
        try {
            Files.createDirectories(config.packsDirectory());
            directory = Files.createTempDirectory(config.packsDirectory(), PREFIX);
            Set<String> names = new HashSet<>();
            for (PackResolver.ResolvedJar jar : resolved) {
                String name = fileName(jar, names);
                Path copy = directory.resolve(name);
                Files.copy(jar.file(), copy);
                jars.add(new LockedJar(name, jar.coordinates(), Files.size(copy), JarDigest.sha256(copy)));
            }
        } catch (IOException e) {
            throw new RigException(ErrorType.INTERNAL_ERROR, "cannot copy the jars of " + coordinates + " into "
                    + config.packsDirectory() + ": " + e.getMessage(), "check the disk and permissions");
        }
        try {
            LoadedPack pack = onlyPack(loader.inspect(jars.stream().map(j -> directory.resolve(j.file())).toList(),
                    coordinates), coordinates);
            String id = pack.info().id();
            if (expectedId != null && !expectedId.equals(id)) {
                throw new RigException(ErrorType.VALIDATION_ERROR, coordinates + " holds pack '" + id + "', not '"
                        + expectedId + "'", "check the index entry of " + expectedId);
            }
            Snapshot snapshot = snapshotOf(List.of(pack));
            return new StagedPack(id, groupId + ":" + artifactId, version,
                    resolved.isEmpty() ? "" : resolved.get(0).source(), directory, jars, tools(snapshot),
                    snapshot.problems().stream().map(PackProblem::message).toList());
        } catch (RuntimeException e) {
            Installer.deleteTree(directory);
            throw e;
        }
    }

    /** The tools of installed pack {@code locked} (RTP ToolDef JSON by name); empty when its files differ from the lock. */
    Map<String, JsonNode> installedTools(LockedPack locked) {
        Path dir = PackIntegrity.directory(config.packsDirectory(), locked);
        if (!PackIntegrity.check(dir, locked).isEmpty()) {
            return Map.of();
        }
        PackLoader.Discovery discovery = loader.inspect(
                locked.jars().stream().map(j -> dir.resolve(j.file())).toList(), locked.coordinates());
        return discovery.packs().size() == 1 ? tools(snapshotOf(discovery.packs())) : Map.of();
    }

    private static LoadedPack onlyPack(PackLoader.Discovery discovery, String coordinates) {
        if (discovery.packs().size() == 1) {
            return discovery.packs().get(0);
        }
        String found = discovery.packs().isEmpty() ? "no pack" : discovery.packs().size() + " packs ("
                + String.join(", ", discovery.packs().stream().map(p -> p.info().id()).toList()) + ")";
        String problems = discovery.problems().isEmpty() ? ""
                : ": " + String.join("; ", discovery.problems().stream().map(PackProblem::message).toList());
        throw new RigException(ErrorType.VALIDATION_ERROR, coordinates + " is not a RIG pack: it holds " + found
                + problems, "a pack jar lists exactly one dev.rig.spi.Pack in META-INF/services/dev.rig.spi.Pack"
                + " (see docs/pack-author-guide.md)");
    }

    private Snapshot snapshotOf(List<LoadedPack> packs) {
        return new SnapshotBuilder(config.workingDirectory(), config.packSetVersion(), config::packSettings,
                policy::plan).build(packs, List.of());
    }

    private static Map<String, JsonNode> tools(Snapshot snapshot) {
        Map<String, JsonNode> tools = new LinkedHashMap<>();
        snapshot.tools().values().forEach(t -> tools.put(t.definition().name(), t.wire()));
        return tools;
    }

    private static String fileName(PackResolver.ResolvedJar jar, Set<String> taken) {
        String base = jar.artifactId() + "-" + jar.version()
                + (jar.classifier() == null || jar.classifier().isEmpty() ? "" : "-" + jar.classifier());
        String name = base + ".jar";
        if (!taken.add(name)) {
            name = jar.groupId() + "." + base + ".jar";
            taken.add(name);
        }
        return name;
    }
}
