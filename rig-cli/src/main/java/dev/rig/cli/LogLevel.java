package dev.rig.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Sets the log level before the chosen command runs (logs go to stderr, see LogSetup): DEBUG
 * with {@code -v}; otherwise INFO for {@code serve} and WARN for the one-shot commands, whose
 * gateway start-up lines would only bury their own output.
 */
final class LogLevel {

    /** {@code strategy}, preceded by applying the {@code -v} of the command that will run. */
    IExecutionStrategy around(IExecutionStrategy strategy) {
        return parseResult -> {
            apply(leaf(parseResult));
            return strategy.execute(parseResult);
        };
    }

    private static void apply(CommandLine command) {
        if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return;
        }
        CommonOptions common = Mixins.find(command.getCommandSpec(), CommonOptions.class);
        if (common != null && common.verbose) {
            root.setLevel(Level.DEBUG);
        } else if (!(command.getCommand() instanceof ServeCommand)) {
            root.setLevel(Level.WARN);
        }
    }

    private static CommandLine leaf(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().commandLine();
    }
}
