package dev.rig.bench;

import dev.rig.bench.standin.StandInPack;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import dev.rig.install.RigYamlEditor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Sets up the start-up benchmark's workspace: next to echo and fs (from {@code rig init}), ten packs
 * standing in for the hero packs, each a small pack jar ({@link StandInPack}) plus the real runtime
 * dependency closure of the vendor SDK that hero pack wraps, resolved from Maven Central with RIG's
 * own resolver, copied into {@code .rig/packs/<id>/0.1.0/} and locked with the sha256 of every jar.
 * The hero packs themselves come with issue 5; their SDK jars are what verification and class
 * loading cost at start-up.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rig.bench.TwelvePacks WORKSPACE CACHE_DIR}
 */
public final class TwelvePacks {

    /** Hero pack id → the SDK artifacts it wraps (and one class of it to load), as issue 5 names them. */
    private static final Map<String, List<String>> HEROES = new LinkedHashMap<>();

    static {
        HEROES.put("stripe", List.of("com.stripe.Stripe", "com.stripe:stripe-java:33.3.0"));
        HEROES.put("twilio", List.of("com.twilio.Twilio", "com.twilio.sdk:twilio:13.0.1"));
        HEROES.put("slack", List.of("com.slack.api.Slack", "com.slack.api:slack-api-client:1.51.0"));
        HEROES.put("sendgrid", List.of("com.sendgrid.SendGrid", "com.sendgrid:sendgrid-java:4.10.3"));
        HEROES.put("github", List.of("org.kohsuke.github.GitHub", "org.kohsuke:github-api:1.330"));
        HEROES.put("google", List.of("com.google.api.services.sheets.v4.Sheets",
                "com.google.api-client:google-api-client:2.9.2",
                "com.google.apis:google-api-services-sheets:v4-rev20261019-2.9.2",
                "com.google.apis:google-api-services-drive:v3-rev20260428-2.0.0",
                "com.google.apis:google-api-services-gmail:v1-rev20260112-2.0.0"));
        for (String jdkOnly : List.of("notion", "airtable", "supabase", "elevenlabs")) {
            HEROES.put(jdkOnly, List.of("com.fasterxml.jackson.databind.ObjectMapper",
                    "com.fasterxml.jackson.core:jackson-databind:2.21.0"));
        }
    }

    private TwelvePacks() {}

    public static void main(String[] args) throws IOException {
        Path workspace = Path.of(args[0]).toAbsolutePath();
        Path cache = Path.of(args[1]).toAbsolutePath();
        RigConfig config = ConfigLoader.load(workspace);
        LockFile lock = LockFile.read(config.lockFile()).orElseThrow(() ->
                new IllegalStateException("run `rig init` in " + workspace + " first"));
        long totalBytes = 0;
        int totalJars = 0;
        for (Map.Entry<String, List<String>> hero : HEROES.entrySet()) {
            String id = hero.getKey();
            Path dir = Files.createDirectories(config.packsDirectory().resolve(id).resolve("0.1.0"));
            List<LockedJar> jars = new ArrayList<>();
            Path packJar = standInJar(dir.resolve("rig-pack-" + id + "-0.1.0.jar"), id, hero.getValue().get(0));
            jars.add(locked(packJar, "dev.rig.bench:rig-pack-" + id + ":0.1.0"));
            for (Path file : sdkClosure(cache, hero.getValue().subList(1, hero.getValue().size()))) {
                Path copy = dir.resolve(file.getFileName());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                jars.add(locked(copy, file.getFileName().toString()));
            }
            lock = lock.with(LockedPack.of(id, "dev.rig.bench:rig-pack-" + id, "0.1.0", Instant.now(), "bench", jars),
                    "bench", Instant.now());
            RigYamlEditor.enable(config.source(), id);
            long bytes = jars.stream().mapToLong(LockedJar::size).sum();
            totalBytes += bytes;
            totalJars += jars.size();
            System.out.printf("%-10s %3d jars %8.1f MB%n", id, jars.size(), bytes / 1048576.0);
        }
        lock.write(config.lockFile());
        System.out.printf("ten stand-ins: %d jars, %.1f MB locked (plus echo and fs)%n", totalJars,
                totalBytes / 1048576.0);
    }

    /**
     * The runtime jars of {@code sdks} as dependencies of a pack (so the SDK's own optional dependencies
     * stay out, as they would for the real pack), from ~/.m2 and Maven Central, cached in {@code cache}.
     */
    private static List<Path> sdkClosure(Path cache, List<String> sdks) {
        ContextOverrides overrides = ContextOverrides.create().withLocalRepositoryOverride(cache)
                .configProperties(Map.of("maven.repo.local.tail",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()))
                .ignoreArtifactDescriptorRepositories(true).build();
        try (Context context = Runtimes.INSTANCE.getRuntime().create(overrides)) {
            CollectRequest collect = new CollectRequest();
            collect.setRootArtifact(new DefaultArtifact("dev.rig.bench:stand-in:0.1.0"));
            sdks.forEach(sdk -> collect.addDependency(new Dependency(new DefaultArtifact(sdk), JavaScopes.RUNTIME)));
            collect.setRepositories(context.remoteRepositories());
            List<Path> files = new ArrayList<>();
            for (ArtifactResult result : context.repositorySystem().resolveDependencies(
                    context.repositorySystemSession(), new DependencyRequest(collect, null)).getArtifactResults()) {
                files.add(result.getArtifact().getFile().toPath());
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw new IllegalStateException("cannot resolve " + sdks + ": " + e.getMessage(), e);
        }
    }

    private static LockedJar locked(Path jar, String coordinates) throws IOException {
        return new LockedJar(jar.getFileName().toString(), coordinates, Files.size(jar), JarDigest.sha256(jar));
    }

    /** A jar holding {@link StandInPack}, its services file, and its id and SDK probe class. */
    private static Path standInJar(Path jar, String id, String probeClass) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.rig.spi.Pack"));
            out.write((StandInPack.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("rig-bench-pack.properties"));
            out.write(("id=" + id + "\nprobe_class=" + probeClass + "\n").getBytes(StandardCharsets.UTF_8));
            String prefix = StandInPack.class.getName().replace('.', '/');
            for (String suffix : List.of("", "$1")) {
                String name = prefix + suffix + ".class";
                try (InputStream in = StandInPack.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }
}
