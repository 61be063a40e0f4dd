package dev.rig.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rig new}: the verbs that start something new from a template. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Start something new from a template.",
        subcommands = NewPackCommand.class)
final class NewCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose pack");
    }
}
