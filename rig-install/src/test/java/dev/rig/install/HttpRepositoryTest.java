package dev.rig.install;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.lock.JarDigest;
import dev.rig.core.lock.LockFile;
import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing from a remote Maven repository over HTTP (WireMock serving a real repository's files):
 * downloads reach the transfer listener (the CLI's progress bars), and a repository that fails half
 * way, or cannot be reached, leaves the workspace as it was.
 */
class HttpRepositoryTest {

    @TempDir
    Path root;

    private WireMockServer server;
    private Path workspace;
    private final AtomicLong downloadedBytes = new AtomicLong();
    private final List<String> downloaded = new ArrayList<>();

    @BeforeEach
    void repositoryOverHttp() throws IOException {
        Path files = root.resolve("wiremock");
        TestRepository repo = TestRepository.at(files.resolve("__files"));
        repo.library("com.example", "greeting", "1.0").source("com.example.greeting.Greeting",
                "package com.example.greeting; public final class Greeting { public static String hello() {"
                        + " return \"v1\"; } }").publish();
        repo.pack("com.example", "rig-pack-alpha", "1.0.0").packId("alpha")
                .tool("alpha.greet", RiskClass.READ, "Map.of(\"greeting\", com.example.greeting.Greeting.hello())")
                .dependsOn("com.example", "greeting", "1.0").publish();
        repo.pack("com.example", "rig-pack-beta", "1.0.0").packId("beta")
                .tool("beta.greet", RiskClass.READ, "Map.of()").publish();
        server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(files.toString()));
        server.start();
        workspace = Files.createDirectories(root.resolve("ws"));
        Files.writeString(workspace.resolve("rig.yaml"), "packs: {}\nrepositories: [\"" + server.baseUrl() + "/\"]\n");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Installer installer() {
        RigConfig config = ConfigLoader.load(workspace);
        PackResolver resolver = new PackResolver(PackRepositories.of(config.repositories(), null, root),
                root.resolve("cache"), false, new AbstractTransferListener() {
                    @Override
                    public void transferSucceeded(TransferEvent event) {
                        downloadedBytes.addAndGet(event.getTransferredBytes());
                        downloaded.add(event.getResource().getResourceName());
                    }
                });
        return new Installer(config, resolver, () -> {
            throw new AssertionError("coordinates need no index");
        }, "0.1.0", InstantSource.system(), notice -> { });
    }

    private List<PackChange> install(String... coordinates) {
        return installer().install(Stream.of(coordinates).map(PackSpec::parse).toList(),
                new Installer.InstallOptions(false, false, false, true));
    }

    @Test
    void packsDownloadOverHttpWithEveryTransferReported() throws IOException {
        install("com.example:rig-pack-alpha:1.0.0");
        server.verify(getRequestedFor(urlEqualTo("/com/example/rig-pack-alpha/1.0.0/rig-pack-alpha-1.0.0.jar")));
        server.verify(getRequestedFor(urlEqualTo("/com/example/greeting/1.0/greeting-1.0.jar")));
        assertThat(downloaded).anySatisfy(name -> assertThat(name).endsWith("rig-pack-alpha-1.0.0.jar"))
                .anySatisfy(name -> assertThat(name).endsWith("greeting-1.0.jar"));
        assertThat(downloadedBytes.get()).isPositive();
        assertThat(LockFile.read(workspace.resolve("rig.lock")).orElseThrow().pack("alpha").orElseThrow().source())
                .isEqualTo("localhost");
        assertThat(Files.readString(workspace.resolve("rig.yaml"))).contains("alpha");
    }

    @Test
    void aServerErrorHalfWayLeavesTheWorkspaceAsItWas() throws IOException {
        server.stubFor(get(urlPathMatching("/com/example/greeting/1.0/greeting-1.0.jar"))
                .willReturn(aResponse().withStatus(500)));
        String before = state();
        assertThatThrownBy(() -> install("com.example:rig-pack-beta:1.0.0", "com.example:rig-pack-alpha:1.0.0"))
                .isInstanceOfSatisfying(RigException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
                    assertThat(e.getMessage()).contains("greeting");
                });
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anUnreachableRepositoryIsATransientErrorNamingIt() throws IOException {
        server.stop();
        String before = state();
        assertThatThrownBy(() -> install("com.example:rig-pack-alpha:1.0.0"))
                .isInstanceOfSatisfying(RigException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.TRANSIENT);
                    assertThat(e.hints()).anySatisfy(h -> assertThat(h).contains("localhost"));
                });
        assertThat(state()).isEqualTo(before);
    }

    private String state() throws IOException {
        StringBuilder state = new StringBuilder();
        try (Stream<Path> files = Files.walk(workspace)) {
            for (Path file : files.sorted().toList()) {
                state.append(workspace.relativize(file)).append(Files.isRegularFile(file) ? " "
                        + JarDigest.sha256(file) : "").append('\n');
            }
        }
        return state.toString();
    }
}
