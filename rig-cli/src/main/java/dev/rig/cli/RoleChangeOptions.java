package dev.rig.cli;

import picocli.CommandLine.Option;

/** The {@code --actor} and {@code --reason} of {@code rig promote} and {@code rig rollback}, for the audit log. */
final class RoleChangeOptions {

    @Option(names = "--actor", paramLabel = "ID", description = "Who does it (default: the OS user).")
    String actor;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    String actor() {
        return actorOrUser(actor);
    }

    /** {@code actor}, or the OS user when null. */
    static String actorOrUser(String actor) {
        return actor != null ? actor : System.getProperty("user.name", "unknown");
    }
}
