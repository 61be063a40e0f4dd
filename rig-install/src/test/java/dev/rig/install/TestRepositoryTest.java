package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.policy.ToolPlan;
import dev.rig.core.registry.PackLoader;
import dev.rig.core.registry.Snapshot;
import dev.rig.core.registry.SnapshotBuilder;
import dev.rig.spi.CallContext;
import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.apache.maven.artifact.repository.metadata.Metadata;
import org.apache.maven.artifact.repository.metadata.io.xpp3.MetadataXpp3Reader;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture writes a real Maven repository whose pack jars load and run in their own class loaders. */
class TestRepositoryTest {

    private static final String GREETING_V1 = """
            package com.example.greeting;

            public final class Greeting {
                public static String hello() {
                    return "v1";
                }
            }
            """;

    private static final String GREETING_V2 = """
            package com.example.greeting;

            public final class Greeting {
                public static String hello() {
                    return "v2";
                }

                public static int major() {
                    return 2;
                }
            }
            """;

    @TempDir
    Path dir;

    /** greeting 1.0 and 2.0; alpha uses 1.0, beta uses 2.0 and its major(), which 1.0 lacks. */
    private static TestRepository twoPacksOnTwoGreetings(Path root) {
        TestRepository repo = TestRepository.at(root);
        repo.library("com.example", "greeting", "1.0").source("com.example.greeting.Greeting", GREETING_V1).publish();
        repo.library("com.example", "greeting", "2.0").source("com.example.greeting.Greeting", GREETING_V2).publish();
        repo.pack("com.example", "rig-pack-alpha", "1.0.0")
                .packId("alpha")
                .tool("alpha.greet", RiskClass.READ,
                        "Map.of(\"greeting\", com.example.greeting.Greeting.hello())")
                .dependsOn("com.example", "greeting", "1.0")
                .publish();
        repo.pack("com.example", "rig-pack-beta", "2.1.0")
                .packId("beta")
                .tool("beta.greet", RiskClass.READ, """
                        Map.of("greeting", com.example.greeting.Greeting.hello(),
                               "major", com.example.greeting.Greeting.major())""")
                .tool("beta.tenant", RiskClass.WRITE, "Map.of(\"tenant\", call.context().tenantId())")
                .dependsOn("com.example", "greeting", "2.0")
                .publish();
        return repo;
    }

    @Test
    void writesAStandardMavenLayoutWithPomsChecksumsAndVersionMetadata() throws Exception {
        TestRepository repo = twoPacksOnTwoGreetings(dir.resolve("repo"));

        Path alphaJar = repo.jarPath("com.example", "rig-pack-alpha", "1.0.0");
        assertThat(alphaJar).isEqualTo(dir.resolve("repo/com/example/rig-pack-alpha/1.0.0/rig-pack-alpha-1.0.0.jar"));
        for (Path file : List.of(alphaJar, repo.pomPath("com.example", "greeting", "2.0"))) {
            assertThat(file).isRegularFile();
            assertThat(Files.readString(Path.of(file + ".sha1"))).isEqualTo(hex("SHA-1", Files.readAllBytes(file)));
            assertThat(Files.readString(Path.of(file + ".md5"))).isEqualTo(hex("MD5", Files.readAllBytes(file)));
        }

        Model alpha = pom(repo.pomPath("com.example", "rig-pack-alpha", "1.0.0"));
        assertThat(alpha.getParent()).isNull();
        assertThat(alpha.getGroupId() + ":" + alpha.getArtifactId() + ":" + alpha.getVersion())
                .isEqualTo("com.example:rig-pack-alpha:1.0.0");
        assertThat(alpha.getDependencies()).extracting(TestRepositoryTest::describe)
                .containsExactly("dev.rig:rig-spi:0.1.0:provided", "com.example:greeting:1.0:compile");
        assertThat(pom(repo.pomPath("com.example", "greeting", "1.0")).getDependencies()).isEmpty();

        try (JarFile jar = new JarFile(alphaJar.toFile())) {
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/dev.rig.spi.Pack")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("rig.testpack.alpha.GeneratedPack\n");
            assertThat(jar.getEntry("com/example/greeting/Greeting.class")).isNull();
        }

        Metadata greeting;
        try (InputStream in = Files.newInputStream(repo.metadataPath("com.example", "greeting"))) {
            greeting = new MetadataXpp3Reader().read(in, true);
        }
        assertThat(greeting.getGroupId()).isEqualTo("com.example");
        assertThat(greeting.getArtifactId()).isEqualTo("greeting");
        assertThat(greeting.getVersioning().getVersions()).containsExactly("1.0", "2.0");
        assertThat(greeting.getVersioning().getLatest()).isEqualTo("2.0");
        assertThat(greeting.getVersioning().getRelease()).isEqualTo("2.0");
    }

    @Test
    void versionMetadataOrdersVersionsTheMavenWay() throws Exception {
        TestRepository repo = TestRepository.at(dir.resolve("repo"));
        for (String version : List.of("1.10", "1.9", "1.10.1", "1.0-beta-1")) {
            repo.library("com.example", "ordered", version).resource("version.txt", version).publish();
        }
        Metadata metadata;
        try (InputStream in = Files.newInputStream(repo.metadataPath("com.example", "ordered"))) {
            metadata = new MetadataXpp3Reader().read(in, true);
        }
        assertThat(metadata.getVersioning().getVersions()).containsExactly("1.0-beta-1", "1.9", "1.10", "1.10.1");
        assertThat(metadata.getVersioning().getLatest()).isEqualTo("1.10.1");
    }

    @Test
    void twoPacksRunOnTwoVersionsOfOneLibraryInOneJvm() throws Exception {
        TestRepository repo = twoPacksOnTwoGreetings(dir.resolve("repo"));
        try (URLClassLoader alphaLoader = loader(repo.classPath("com.example", "rig-pack-alpha", "1.0.0"));
             URLClassLoader betaLoader = loader(repo.classPath("com.example", "rig-pack-beta", "2.1.0"))) {
            Pack alpha = onlyPack(alphaLoader);
            Pack beta = onlyPack(betaLoader);
            assertThat(alpha.id()).isEqualTo("alpha");
            assertThat(alpha.version()).isEqualTo("1.0.0");
            assertThat(beta.version()).isEqualTo("2.1.0");

            assertThat(invoke(alpha, "alpha.greet")).isEqualTo(Map.of("greeting", "v1"));
            assertThat(invoke(beta, "beta.greet")).isEqualTo(Map.of("greeting", "v2", "major", 2));
            assertThat(invoke(beta, "beta.tenant")).isEqualTo(Map.of("tenant", "default"));
            assertThat(alphaLoader.loadClass("com.example.greeting.Greeting"))
                    .isNotSameAs(betaLoader.loadClass("com.example.greeting.Greeting"));
        }
    }

    @Test
    void generatedPacksPassTheGatewaysDiscoveryAndToolDefChecks() throws Exception {
        TestRepository repo = twoPacksOnTwoGreetings(dir.resolve("repo"));
        PackLoader loader = new PackLoader(getClass().getClassLoader());
        List<dev.rig.core.registry.LoadedPack> found = new java.util.ArrayList<>();
        for (String pack : List.of("rig-pack-alpha:1.0.0", "rig-pack-beta:2.1.0")) {
            String[] parts = pack.split(":");
            PackLoader.Discovery discovery = loader.inspect(repo.classPath("com.example", parts[0], parts[1]), pack);
            assertThat(discovery.problems()).isEmpty();
            found.addAll(discovery.packs());
        }
        Snapshot snapshot = new SnapshotBuilder(dir, "test", id -> Map.of(),
                def -> new ToolPlan(null, false, Duration.ofSeconds(30), 0, null))
                .build(found, List.of());

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.tools().keySet()).containsExactly("alpha.greet", "beta.greet", "beta.tenant");
    }

    @Test
    void mavenResolverReadsTheRepositoryWithChecksumsEnforced() throws Exception {
        TestRepository repo = twoPacksOnTwoGreetings(dir.resolve("repo"));
        RepositorySystem system = new RepositorySystemSupplier().get();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(dir.resolve("local").toFile())));
        List<RemoteRepository> remotes = List.of(
                new RemoteRepository.Builder("test", "default", repo.root().toUri().toString()).build());

        VersionRangeResult range = system.resolveVersionRange(session,
                new VersionRangeRequest(new DefaultArtifact("com.example:greeting:[1.0,)"), remotes, null));
        assertThat(range.getVersions()).extracting(Object::toString).containsExactly("1.0", "2.0");

        var betaRoot = new org.eclipse.aether.graph.Dependency(
                new DefaultArtifact("com.example:rig-pack-beta:2.1.0"), "runtime");
        CollectRequest beta = new CollectRequest(betaRoot, remotes);
        List<String> resolved = system.resolveDependencies(session, new DependencyRequest(beta, null))
                .getArtifactResults().stream().map(result -> result.getArtifact().toString()).toList();
        assertThat(resolved).containsExactly("com.example:rig-pack-beta:jar:2.1.0", "com.example:greeting:jar:2.0");
    }

    @Test
    void aRangeDependencyCompilesAgainstTheHighestVersionInIt() {
        TestRepository repo = twoPacksOnTwoGreetings(dir.resolve("repo"));
        repo.pack("com.example", "rig-pack-delta", "1.0.0")
                .packId("delta")
                .tool("delta.major", RiskClass.READ, "Map.of(\"major\", com.example.greeting.Greeting.major())")
                .dependsOn("com.example", "greeting", "[1.0,3.0)")
                .publish();

        assertThat(repo.classPath("com.example", "rig-pack-delta", "1.0.0")).containsExactly(
                repo.jarPath("com.example", "rig-pack-delta", "1.0.0"), repo.jarPath("com.example", "greeting", "2.0"));
    }

    @Test
    void theSameSourcesGiveTheSameJarBytes() throws Exception {
        TestRepository first = twoPacksOnTwoGreetings(dir.resolve("first"));
        TestRepository second = twoPacksOnTwoGreetings(dir.resolve("second"));
        for (String artifact : List.of("greeting:1.0", "rig-pack-beta:2.1.0")) {
            String[] parts = artifact.split(":");
            assertThat(Files.readAllBytes(second.jarPath("com.example", parts[0], parts[1])))
                    .isEqualTo(Files.readAllBytes(first.jarPath("com.example", parts[0], parts[1])));
        }
        assertThat(Files.readAllBytes(first.jarPath("com.example", "greeting", "2.0")))
                .isNotEqualTo(Files.readAllBytes(first.jarPath("com.example", "greeting", "1.0")));
    }

    @Test
    void aPackSeesOnlyTheLibrariesItDeclares() {
        TestRepository repo = TestRepository.at(dir.resolve("repo"));
        repo.library("com.example", "greeting", "1.0").source("com.example.greeting.Greeting", GREETING_V1).publish();
        var undeclared = repo.pack("com.example", "rig-pack-gamma", "1.0.0")
                .packId("gamma")
                .tool("gamma.greet", RiskClass.READ, "Map.of(\"greeting\", com.example.greeting.Greeting.hello())");

        assertThatThrownBy(undeclared::publish)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rig/testpack/gamma/GeneratedPack.java:")
                .hasMessageContaining("package com.example.greeting does not exist");
        assertThat(repo.jarPath("com.example", "rig-pack-gamma", "1.0.0")).doesNotExist();
    }

    @Test
    void aHandWrittenPackIsListedAsAService() throws Exception {
        TestRepository repo = TestRepository.at(dir.resolve("repo"));
        Path jar = repo.pack("com.example", "rig-pack-custom", "0.3.0")
                .packSource("com.example.custom.CustomPack", """
                        package com.example.custom;

                        public final class CustomPack implements dev.rig.spi.Pack {
                            public String id() { return "custom"; }
                            public String version() { return "0.3.0"; }
                            public java.util.List<dev.rig.spi.Tool> tools(dev.rig.spi.PackEnvironment environment) {
                                return java.util.List.of();
                            }
                        }
                        """)
                .publish();
        try (URLClassLoader loader = loader(List.of(jar))) {
            assertThat(onlyPack(loader).id()).isEqualTo("custom");
        }
    }

    private static URLClassLoader loader(List<Path> jars) throws Exception {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        return new URLClassLoader(urls, TestRepositoryTest.class.getClassLoader());
    }

    private static Pack onlyPack(ClassLoader loader) {
        List<Pack> packs = ServiceLoader.load(Pack.class, loader).stream().map(ServiceLoader.Provider::get)
                .filter(pack -> pack.getClass().getClassLoader() == loader).toList();
        assertThat(packs).hasSize(1);
        return packs.getFirst();
    }

    private Map<String, Object> invoke(Pack pack, String toolName) throws Exception {
        Tool tool = pack.tools(new PackEnvironment(Map.of(), dir)).stream()
                .filter(candidate -> candidate.definition().name().equals(toolName))
                .findFirst().orElseThrow();
        return tool.invoke(new ToolCall(toolName, Map.of(), new CallContext(CallContext.DEFAULT_TENANT, "req-1", "test"),
                "corr-1", "idem-1", Secrets.none(), Instant.now().plusSeconds(30), 1));
    }

    private static Model pom(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MavenXpp3Reader().read(in, true);
        }
    }

    private static String describe(Dependency dependency) {
        return dependency.getGroupId() + ":" + dependency.getArtifactId() + ":" + dependency.getVersion() + ":"
                + Objects.requireNonNullElse(dependency.getScope(), "compile");
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
