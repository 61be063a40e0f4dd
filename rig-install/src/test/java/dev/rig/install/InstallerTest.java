package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.RigException;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.core.lock.LockedJar;
import dev.rig.core.lock.LockedPack;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig install}, {@code update} and {@code uninstall} against a real Maven repository of real pack
 * jars, resolved by Maven Resolver: packs with conflicting library versions both work, rig.lock pins
 * every jar's sha256, and a failure changes nothing.
 */
class InstallerTest {

    private static final String GREETING_V1 = """
            package com.example.greeting;
            public final class Greeting {
                public static String hello() { return "v1"; }
            }
            """;
    private static final String GREETING_V2 = """
            package com.example.greeting;
            public final class Greeting {
                public static String hello() { return "v2"; }
                public static int major() { return 2; }
            }
            """;

    @TempDir
    Path root;

    private Path workspace;
    private TestRepository repo;
    private Path indexFile;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void repositoryWithTwoPacksNeedingTwoVersionsOfOneLibrary() throws IOException {
        repo = TestRepository.at(root.resolve("repo"));
        repo.library("com.example", "greeting", "1.0").source("com.example.greeting.Greeting", GREETING_V1).publish();
        repo.library("com.example", "greeting", "2.0").source("com.example.greeting.Greeting", GREETING_V2).publish();
        repo.pack("com.example", "rig-pack-alpha", "1.0.0").packId("alpha")
                .tool("alpha.greet", RiskClass.READ, "Map.of(\"greeting\", com.example.greeting.Greeting.hello())")
                .dependsOn("com.example", "greeting", "1.0").publish();
        repo.pack("com.example", "rig-pack-beta", "1.0.0").packId("beta")
                .tool("beta.greet", RiskClass.READ, "Map.of(\"greeting\", com.example.greeting.Greeting.hello(),"
                        + " \"major\", com.example.greeting.Greeting.major())")
                .dependsOn("com.example", "greeting", "2.0").publish();
        indexFile = root.resolve("index.json");
        writeIndex("1.0.0", "0.1.0");
        workspace = Files.createDirectories(root.resolve("ws"));
        Files.writeString(workspace.resolve("rig.yaml"), """
                # my gateway
                packs:
                  echo: {}   # kept
                repositories:
                  - %s
                """.formatted(repo.root().toUri()));
    }

    private void writeIndex(String alphaVersion, String alphaMinRig) throws IOException {
        Files.writeString(indexFile, """
                {"api_version": 1, "generated_at": "2026-11-20T00:00:00Z", "packs": {
                  "alpha": {"display_name": "Alpha", "description": "a", "tags": [],
                            "java": {"groupId": "com.example", "artifactId": "rig-pack-alpha", "version": "%s", "min_rig": "%s"}},
                  "beta": {"display_name": "Beta", "description": "b", "tags": [],
                           "java": {"groupId": "com.example", "artifactId": "rig-pack-beta", "version": "1.0.0"}},
                  "gamma": {"display_name": "Gamma", "description": "needs a library nobody published", "tags": [],
                            "java": {"groupId": "com.example", "artifactId": "rig-pack-gamma", "version": "1.0.0"}}
                }}
                """.formatted(alphaVersion, alphaMinRig));
    }

    private RigConfig config() {
        return ConfigLoader.load(workspace);
    }

    private Installer installer() {
        RigConfig config = config();
        PackRepositories repositories = PackRepositories.of(config.repositories(), null, root.resolve("home"));
        PackResolver resolver = new PackResolver(repositories, root.resolve("cache"), false, null);
        IndexSource source = new IndexSource(root.resolve("index-cache"), Duration.ofHours(24), InstantSource.system(),
                "0.1.0");
        return new Installer(config, resolver, () -> source.fetch(indexFile.toUri()), "0.1.0", InstantSource.system(),
                notices::add);
    }

    private static Installer.InstallOptions plain() {
        return new Installer.InstallOptions(false, false, false, true);
    }

    private List<PackChange> install(String... specs) {
        return installer().install(Stream.of(specs).map(PackSpec::parse).toList(), plain());
    }

    private LockFile lock() {
        return LockFile.read(workspace.resolve(LockFile.FILE_NAME)).orElseThrow();
    }

    private String workspaceState() throws IOException {
        StringBuilder state = new StringBuilder();
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.sorted().toList()) {
                state.append(workspace.relativize(file));
                if (Files.isRegularFile(file)) {
                    state.append(" ").append(JarDigest.sha256(file));
                }
                state.append('\n');
            }
        }
        return state.toString();
    }

    @Test
    void twoPacksNeedingConflictingVersionsOfOneLibraryBothWork() throws IOException {
        List<PackChange> changes = install("alpha", "beta");
        assertThat(changes).extracting(PackChange::action).containsOnly(PackChange.Action.INSTALLED);
        try (Gateway gateway = Gateway.open(config())) {
            ToolResult alpha = gateway.call(CallRequest.of("alpha.greet", Map.of()));
            ToolResult beta = gateway.call(CallRequest.of("beta.greet", Map.of()));
            assertThat(alpha.output()).containsEntry("greeting", "v1");
            assertThat(beta.output()).containsEntry("greeting", "v2").containsEntry("major", 2);
            assertThat(gateway.snapshot().problems()).extracting(p -> p.packId()).containsOnly("echo");
        }
    }

    @Test
    void theLockRecordsEveryJarWithItsRealSha256AndTheJarsLiveUnderIdAndVersion() throws IOException {
        install("alpha");
        LockedPack alpha = lock().pack("alpha").orElseThrow();
        assertThat(alpha.packageName()).isEqualTo("com.example:rig-pack-alpha");
        assertThat(alpha.version()).isEqualTo("1.0.0");
        assertThat(alpha.jars()).extracting(LockedJar::coordinates)
                .containsExactly("com.example:rig-pack-alpha:1.0.0", "com.example:greeting:1.0");
        Path dir = workspace.resolve(".rig/packs/alpha/1.0.0");
        for (LockedJar jar : alpha.jars()) {
            assertThat(JarDigest.sha256(dir.resolve(jar.file()))).isEqualTo(jar.sha256());
            assertThat(Files.size(dir.resolve(jar.file()))).isEqualTo(jar.size());
        }
        assertThat(JarDigest.sha256(dir.resolve("greeting-1.0.jar")))
                .isEqualTo(JarDigest.sha256(repo.jarPath("com.example", "greeting", "1.0")));
        assertThat(lock().indexUrl()).isEqualTo(indexFile.toUri().toString());
    }

    @Test
    void installEnablesThePackInRigYamlKeepingTheComments() throws IOException {
        install("alpha");
        String yaml = Files.readString(workspace.resolve("rig.yaml"));
        assertThat(yaml).contains("# my gateway").contains("echo: {}   # kept").contains("alpha: {}");
        assertThat(config().packEnabled("alpha")).isTrue();
    }

    @Test
    void noEnableLeavesRigYamlAlone() throws IOException {
        String before = Files.readString(workspace.resolve("rig.yaml"));
        installer().install(List.of(PackSpec.parse("alpha")), new Installer.InstallOptions(false, false, false, false));
        assertThat(Files.readString(workspace.resolve("rig.yaml"))).isEqualTo(before);
        assertThat(lock().pack("alpha")).isPresent();
    }

    @Test
    void installingAnInstalledPackIsANoOp() throws IOException {
        install("alpha");
        String before = workspaceState();
        assertThat(install("alpha")).singleElement().extracting(PackChange::action)
                .isEqualTo(PackChange.Action.ALREADY_INSTALLED);
        assertThat(workspaceState()).isEqualTo(before);
    }

    @Test
    void anUnknownPackIdChangesNothingAndSaysWhatTheIndexHas() throws IOException {
        String before = workspaceState();
        assertThatThrownBy(() -> install("nope")).isInstanceOfSatisfying(RigException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
            assertThat(e.getMessage()).contains("no pack 'nope'").contains("alpha, beta, gamma");
        });
        assertThat(workspaceState()).isEqualTo(before);
    }

    @Test
    void anUnknownVersionChangesNothingAndNamesTheCoordinates() throws IOException {
        String before = workspaceState();
        assertThatThrownBy(() -> install("alpha@9.9.9")).isInstanceOfSatisfying(RigException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
            assertThat(e.getMessage()).contains("com.example:rig-pack-alpha:9.9.9");
        });
        assertThat(workspaceState()).isEqualTo(before);
    }

    @Test
    void aFailureHalfWayThroughLeavesNoPartialState() throws IOException {
        repo.pack("com.example", "rig-pack-gamma", "1.0.0").packId("gamma")
                .tool("gamma.greet", RiskClass.READ, "Map.of()").dependsOn("com.example", "missing-lib", "1.0")
                .publish();
        String before = workspaceState();
        assertThatThrownBy(() -> install("alpha", "gamma")).isInstanceOfSatisfying(RigException.class,
                e -> assertThat(e.getMessage()).contains("missing-lib"));
        assertThat(workspaceState()).isEqualTo(before);
        assertThat(workspace.resolve(LockFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void minRigAboveThisRigIsRefusedWithTheFix() throws IOException {
        writeIndex("1.0.0", "9.0.0");
        String before = workspaceState();
        assertThatThrownBy(() -> install("alpha")).isInstanceOfSatisfying(RigException.class, e -> {
            assertThat(e.getMessage()).contains("needs RIG 9.0.0 or newer").contains("0.1.0");
            assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("rig install alpha@"));
        });
        assertThat(workspaceState()).isEqualTo(before);
    }

    @Test
    void anArtifactWithoutAPackIsRefused() {
        assertThatThrownBy(() -> install("com.example:greeting:1.0")).isInstanceOfSatisfying(RigException.class,
                e -> assertThat(e.getMessage()).contains("is not a RIG pack").contains("no pack"));
    }

    @Test
    void coordinatesWithoutAVersionInstallTheNewest() {
        repo.pack("com.example", "rig-pack-alpha", "1.1.0").packId("alpha")
                .tool("alpha.greet", RiskClass.READ, "Map.of(\"greeting\", \"new\")").publish();
        assertThat(install("com.example:rig-pack-alpha")).singleElement().satisfies(c -> {
            assertThat(c.packId()).isEqualTo("alpha");
            assertThat(c.toVersion()).isEqualTo("1.1.0");
        });
    }

    @Test
    void frozenRefusesToAddOrChangeAPack() throws IOException {
        install("alpha");
        String before = workspaceState();
        Installer.InstallOptions frozen = new Installer.InstallOptions(false, true, false, true);
        assertThatThrownBy(() -> installer().install(List.of(PackSpec.parse("beta")), frozen))
                .hasMessageContaining("--frozen");
        assertThatThrownBy(() -> installer().install(List.of(PackSpec.parse("alpha@2.0.0")), frozen))
                .hasMessageContaining("1.0.0 → 2.0.0");
        assertThat(workspaceState()).isEqualTo(before);
    }

    @Test
    void installWithoutArgumentsRestoresExactlyTheLockedPacks() throws IOException {
        install("alpha", "beta");
        LockFile locked = lock();
        Installer.deleteTree(workspace.resolve(".rig"));
        writeIndex("7.0.0", "0.1.0");
        List<PackChange> changes = installer().install(List.of(), plain());
        assertThat(changes).extracting(PackChange::action).containsOnly(PackChange.Action.RESTORED);
        assertThat(lock().packs()).isEqualTo(locked.packs());
        try (Gateway gateway = Gateway.open(config())) {
            assertThat(gateway.snapshot().tools()).containsKeys("alpha.greet", "beta.greet");
        }
    }

    @Test
    void restoringFromARepositoryServingOtherBytesForTheLockedVersionFails() throws IOException {
        install("alpha");
        Installer.deleteTree(workspace.resolve(".rig"));
        Installer.deleteTree(root.resolve("cache"));
        repo.pack("com.example", "rig-pack-alpha", "1.0.0").packId("alpha")
                .tool("alpha.greet", RiskClass.READ, "Map.of(\"greeting\", \"evil\")").publish();
        assertThatThrownBy(() -> installer().install(List.of(), plain())).isInstanceOfSatisfying(RigException.class,
                e -> assertThat(e.getMessage()).contains("other bytes than rig.lock")
                        .contains("rig-pack-alpha-1.0.0.jar has sha256"));
        assertThat(workspace.resolve(".rig/packs/alpha")).doesNotExist();
    }

    @Test
    void updateShowsTheVersionDeltaAndClassifiedToolChangesAndADryRunChangesNothing() throws IOException {
        install("alpha");
        repo.pack("com.example", "rig-pack-alpha", "1.1.0").packId("alpha")
                .tool("alpha.greet", RiskClass.WRITE, "Map.of(\"greeting\", \"hi\")")
                .tool("alpha.wave", RiskClass.READ, "Map.of()").publish();
        writeIndex("1.1.0", "0.1.0");
        String before = workspaceState();
        List<PackChange> dryRun = update(List.of(), true, false);
        assertThat(dryRun).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(PackChange.Action.UPDATED);
            assertThat(c.fromVersion()).isEqualTo("1.0.0");
            assertThat(c.toVersion()).isEqualTo("1.1.0");
            assertThat(c.breaking()).isTrue();
            assertThat(c.toolChanges()).hasSize(2);
            assertThat(c.toolChanges().get(0)).startsWith("breaking").contains("alpha.greet")
                    .contains("risk class raised from read to write");
            assertThat(c.toolChanges().get(1)).startsWith("compatible").contains("alpha.wave");
            assertThat(c.notes()).anySatisfy(n -> assertThat(n).contains("new tool alpha.wave is held back"));
        });
        assertThat(workspaceState()).isEqualTo(before);

        assertThatThrownBy(() -> update(List.of("alpha"), false, false)).isInstanceOfSatisfying(RigException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.CONFLICT);
                    assertThat(e.getMessage()).contains("the update breaks callers (1 breaking change)")
                            .contains("alpha 1.0.0 → 1.1.0: alpha.greet");
                    assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("--allow-breaking"));
                });
        assertThat(workspaceState()).isEqualTo(before);

        update(List.of("alpha"), false, true);
        assertThat(lock().pack("alpha").orElseThrow().version()).isEqualTo("1.1.0");
        assertThat(lock().pack("alpha").orElseThrow().disabledTools()).containsExactly("alpha.wave");
        assertThat(workspace.resolve(".rig/packs/alpha/1.0.0")).as("kept for a rollback").isDirectory();
        assertThat(workspace.resolve(".rig/packs/alpha/1.1.0")).isDirectory();
        assertThat(update(List.of(), false, false)).extracting(PackChange::action)
                .containsOnly(PackChange.Action.UP_TO_DATE);

        assertThat(installer().enable("alpha", java.util.Set.of("alpha.wave"))).containsExactly("alpha.wave");
        assertThat(lock().pack("alpha").orElseThrow().disabledTools()).isEmpty();
        assertThatThrownBy(() -> installer().enable("alpha", java.util.Set.of("alpha.greet")))
                .isInstanceOfSatisfying(RigException.class, e -> assertThat(e.getMessage())
                        .contains("alpha.greet of pack alpha is not held back (none is)"));
    }

    @Test
    void aCanaryUpdateInstallsBesideTheCurrentVersionAndLeavesRigLockAlone() throws IOException {
        install("alpha");
        repo.pack("com.example", "rig-pack-alpha", "1.1.0").packId("alpha")
                .tool("alpha.greet", RiskClass.READ, "Map.of(\"greeting\", \"v2\")").publish();
        writeIndex("1.1.0", "0.1.0");
        String lockBefore = Files.readString(workspace.resolve("rig.lock"));
        Installer.Update update = installer().update(List.of(), new Installer.UpdateOptions(false, false, false, 10));
        assertThat(Files.readString(workspace.resolve("rig.lock"))).isEqualTo(lockBefore);
        assertThat(update.candidate().pack("alpha").orElseThrow().version()).isEqualTo("1.1.0");
        assertThat(workspace.resolve(".rig/packs/alpha/1.0.0")).isDirectory();
        assertThat(workspace.resolve(".rig/packs/alpha/1.1.0")).isDirectory();
        assertThat(dev.rig.core.lock.PackIntegrity.check(workspace.resolve(".rig/packs/alpha/1.1.0"),
                update.candidate().pack("alpha").orElseThrow())).isEmpty();
    }

    @Test
    void aCandidateThatBreaksThePackContractIsRefusedAndChangesNothing() throws IOException {
        install("alpha");
        repo.pack("com.example", "rig-pack-alpha", "1.1.0").packSource("rig.testpack.bad.BadPack", """
                package rig.testpack.bad;
                import dev.rig.spi.*;
                import java.util.*;
                public final class BadPack implements Pack {
                    public String id() { return "alpha"; }
                    public String version() { return "1.1.0"; }
                    public String description() { return "An example that its own schema refuses."; }
                    public List<Tool> tools(PackEnvironment environment) {
                        ToolDef def = ToolDef.builder("alpha.greet").description("Greets.").risk(RiskClass.READ)
                                .inputSchema("{\\"type\\": \\"object\\", \\"required\\": [\\"name\\"]}")
                                .outputSchema("{\\"type\\": \\"object\\"}")
                                .example("nameless", "Forgets the name.", "{}", null).build();
                        return List.of(new Tool() {
                            public ToolDef definition() { return def; }
                            public Map<String, Object> invoke(ToolCall call) { return Map.of(); }
                        });
                    }
                }
                """).publish();
        writeIndex("1.1.0", "0.1.0");
        String before = workspaceState();
        assertThatThrownBy(() -> update(List.of("alpha"), false, true)).isInstanceOfSatisfying(RigException.class,
                e -> assertThat(e.getMessage()).contains("alpha 1.1.0 does not meet the pack contract")
                        .contains("alpha.greet example 'nameless' input"));
        assertThat(workspaceState()).isEqualTo(before);
    }

    @Test
    void anUpdateWhoseDownloadFailsLeavesTheOldVersionInstalled() throws IOException {
        install("alpha");
        writeIndex("1.2.0", "0.1.0");
        String before = workspaceState();
        assertThatThrownBy(() -> update(List.of("alpha"), false, true)).isInstanceOf(RigException.class);
        assertThat(workspaceState()).isEqualTo(before);
    }

    private List<PackChange> update(List<String> ids, boolean dryRun, boolean allowBreaking) {
        return installer().update(ids, new Installer.UpdateOptions(dryRun, allowBreaking, false, 0)).changes();
    }

    @Test
    void uninstallRemovesTheJarsTheLockEntryAndTheRigYamlEntry() throws IOException {
        install("alpha", "beta");
        installer().uninstall(List.of("alpha"));
        assertThat(workspace.resolve(".rig/packs/alpha")).doesNotExist();
        assertThat(lock().packs()).containsOnlyKeys("beta");
        assertThat(Files.readString(workspace.resolve("rig.yaml"))).doesNotContain("alpha").contains("beta: {}")
                .contains("# my gateway");
        assertThatThrownBy(() -> installer().uninstall(List.of("alpha"))).isInstanceOfSatisfying(RigException.class,
                e -> assertThat(e.getMessage()).contains("'alpha' is not installed").contains("installed: beta"));
    }

    @Test
    void twoInstalledPacksDefiningTheSameToolAreBothNamedAndTheSecondToolSkipped() throws IOException {
        repo.pack("com.example", "rig-pack-delta", "1.0.0").packId("delta")
                .tool("alpha.greet", RiskClass.READ, "Map.of(\"greeting\", \"delta\")")
                .tool("delta.own", RiskClass.READ, "Map.of()").publish();
        install("alpha", "com.example:rig-pack-delta:1.0.0");
        try (Gateway gateway = Gateway.open(config())) {
            assertThat(gateway.call(CallRequest.of("alpha.greet", Map.of())).output()).containsEntry("greeting", "v1");
            assertThat(gateway.snapshot().tools()).containsKey("delta.own");
            assertThat(gateway.snapshot().problems()).anySatisfy(p -> {
                assertThat(p.packId()).isEqualTo("delta");
                assertThat(p.message()).contains("alpha.greet").contains("already taken by pack alpha");
            });
        }
    }
}
