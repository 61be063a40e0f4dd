package dev.rig.cli;

import dev.rig.core.api.RigException;
import dev.rig.core.config.RigConfig;
import dev.rig.install.IndexReading;
import dev.rig.install.IndexSource;
import dev.rig.install.Installer;
import dev.rig.install.MountInstaller;
import dev.rig.install.PackIndex;
import dev.rig.install.PackRepositories;
import dev.rig.install.PackResolver;
import dev.rig.spi.ErrorType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Where the pack commands find packs: the index ({@code --index-url}, else {@code RIG_INDEX_URL},
 * else the one inside the distribution) and the repositories of rig.yaml ({@code --offline}: the
 * local ones only). Downloads are cached in {@code RIG_CACHE_DIR} (default {@code ~/.rig/cache}).
 */
final class PackSourceOptions {

    @Option(names = "--index-url", paramLabel = "URL",
            description = "Pack index to use: an http(s) or file URL, or a path (default: the index in the distribution).")
    String indexUrl;

    @Option(names = "--offline", description = "Resolve from the bundled repository and ~/.m2 only; no network.")
    boolean offline;

    private IndexReading reading;

    /** The index, read once per command; a stale copy's notice goes to {@code err}. */
    IndexReading index(PrintWriter err) {
        if (reading == null) {
            String url = indexUrl != null ? indexUrl : System.getenv("RIG_INDEX_URL");
            if (url == null || url.isBlank()) {
                reading = new IndexReading(PackIndex.bundled(), "bundled", Instant.now(), false, null);
            } else {
                reading = new IndexSource(cacheDirectory().resolve("index"), IndexSource.DEFAULT_TTL,
                        InstantSource.system(), RigVersion.version()).fetch(IndexSource.location(url));
            }
            if (reading.notice() != null) {
                err.println("warning: " + reading.notice());
                err.flush();
            }
        }
        return reading;
    }

    /** An installer for the workspace of {@code config}, telling progress on {@code err}. */
    Installer installer(RigConfig config, PrintWriter err) {
        return installer(config, err, config.repositories(), offline);
    }

    /** An installer resolving from {@code repositories} only. */
    Installer installer(RigConfig config, PrintWriter err, List<String> repositories, boolean offlineOnly) {
        PackRepositories sources = PackRepositories.of(repositories,
                RigHome.current().map(RigHome::directory).orElse(null), Path.of(System.getProperty("user.home")));
        PackResolver resolver = new PackResolver(sources, cacheDirectory().resolve("maven"), offlineOnly,
                new DownloadProgress(err));
        Supplier<IndexReading> index = () -> index(err);
        return new Installer(config, resolver, index, RigVersion.version(), InstantSource.system(), notice -> {
            err.println(notice);
            err.flush();
        });
    }

    /** The installer of mounted MCP servers and npm packs of {@code config}'s workspace, telling progress on {@code err}. */
    MountInstaller mountInstaller(RigConfig config, PrintWriter err) {
        Map<String, String> environment = System.getenv();
        return new MountInstaller(config, new MountProbe(environment), environment, () -> index(err),
                RigVersion.version(), InstantSource.system(), notice -> {
                    err.println(notice);
                    err.flush();
                }, RigHome.current().map(RigHome::directory).orElse(null));
    }

    /** Fails unless {@code config} comes from a rig.yaml: the pack commands change a workspace. */
    static void requireWorkspace(RigConfig config) {
        if (config.source() == null) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "no rig.yaml in " + config.workingDirectory()
                    + ": the pack commands work on a workspace", "run `rig init` there first (it installs echo and fs)");
        }
    }

    static Path cacheDirectory() {
        String dir = System.getenv("RIG_CACHE_DIR");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("rig.cache");
        }
        return dir == null || dir.isBlank() ? Path.of(System.getProperty("user.home"), ".rig", "cache")
                : Path.of(dir).toAbsolutePath();
    }
}
