package dev.rig.cli;

import picocli.CommandLine.Option;

/** The {@code --actor} of {@code approve} and {@code deny}: who decides, by default the OS user. */
final class ApproverOption {

    @Option(names = "--actor", paramLabel = "ID",
            description = "Who approves or denies (default: the OS user); must not be the caller.")
    String actor;

    String resolve() {
        return actor != null ? actor : System.getProperty("user.name", "unknown");
    }
}
