package dev.rig.cli;

import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: the working directory, verbose logs, and stack traces on errors. */
final class CommonOptions {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Working directory holding rig.yaml and .rig/ (default: the current directory).")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Log at DEBUG level (logs go to stderr).")
    boolean verbose;

    @Option(names = "--stacktrace", description = "Print the stack trace when the command fails.")
    boolean stacktrace;

    /** The working directory as an absolute path. */
    Path workingDirectory() {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The working directory's configuration: its rig.yaml, or the embedded defaults, which serve the
     * distribution's bundled packs (echo, fs) when the directory has no rig.lock either.
     */
    RigConfig config() {
        RigConfig config = ConfigLoader.load(workingDirectory());
        return config.source() == null ? RigHome.current().map(h -> config.withBundledPacks(h.bundledPacks()))
                .orElse(config) : config;
    }
}
