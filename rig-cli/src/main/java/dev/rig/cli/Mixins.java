package dev.rig.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Finds a command's mixin of a given type, for the code that runs around commands (errors, logging). */
final class Mixins {

    private Mixins() {}

    /** The mixin of {@code type} on {@code spec}, or null when the command has none. */
    static <T> T find(CommandSpec spec, Class<T> type) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (type.isInstance(mixin.userObject())) {
                return type.cast(mixin.userObject());
            }
        }
        return null;
    }
}
