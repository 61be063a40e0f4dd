package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.json.Json;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns whatever a command throws into a one-line message on stderr (plus hints) and an
 * {@link ExitCode}; the stack trace only with {@code --stacktrace}. With {@code --json} the error is
 * also the one JSON document on stdout.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        ExitCode exit = ExitCode.forException(e);
        String type = typeOf(e);
        List<String> hints = hintsOf(e);
        String message = exit == ExitCode.INTERNAL ? "internal error: " + e : e.getMessage();
        err.println("error: " + (type == null ? "" : type + ": ") + message);
        hints.forEach(hint -> err.println("  hint: " + hint));
        CommonOptions common = Mixins.find(command.getCommandSpec(), CommonOptions.class);
        if (common != null && common.stacktrace) {
            e.printStackTrace(err);
        } else if (exit == ExitCode.INTERNAL) {
            err.println("  hint: run again with --stacktrace and report the trace");
        }
        JsonOption json = Mixins.find(command.getCommandSpec(), JsonOption.class);
        if (json != null && json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("ok", false);
            ObjectNode error = doc.putObject("error");
            error.put("type", type != null ? type : switch (exit) {
                case INTERNAL -> "internal_error";
                case USAGE -> "usage_error";
                default -> "command_failed";
            });
            error.put("message", message);
            hints.forEach(error.putArray("remediation_hints")::add);
            error.put("exit_code", exit.code());
            JsonOutput.print(command.getOut(), doc);
        }
        err.flush();
        return exit.code();
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        CommandSpec spec = command.getCommandSpec();
        err.println("  hint: see `" + spec.qualifiedName() + " --help`");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static String typeOf(Exception e) {
        if (e instanceof CommandFailure failure) {
            return failure.type();
        }
        if (e instanceof RigException rig) {
            return rig.type().wireName();
        }
        return null;
    }

    private static List<String> hintsOf(Exception e) {
        if (e instanceof CommandFailure failure) {
            return failure.hints();
        }
        if (e instanceof RigException rig) {
            return rig.hints();
        }
        return List.of();
    }
}
