package dev.rig.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** The {@code rig} command line: wires picocli to stdout, stderr, the error reporter and the log level. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exit = commandLine(out, err, args.length == 0 ? null : args[0]).execute(args);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /** The whole command tree, printing data to {@code out} and messages to {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command tree for a run whose first argument is {@code verb}: only that verb's command when
     * it names one (picocli reflects over every command it is given: the whole tree costs about a
     * quarter of a second of each start), else every verb (usage, completion, a mistyped verb).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String verb) {
        ErrorReporter errors = new ErrorReporter();
        CommandLine root = new CommandLine(new RigCommand());
        List<Class<?>> verbs = RigCommand.VERBS.stream().filter(c -> nameOf(c).equals(verb)).toList();
        for (Class<?> command : verbs.isEmpty() || "completion".equals(verb) ? RigCommand.VERBS : verbs) {
            root.addSubcommand(command);
        }
        return root
                .setExpandAtFiles(false) // `call TOOL @args.json` names the ARGS file, not picocli's argument file
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExecutionStrategy(new LogLevel().around(new CommandLine.RunLast()));
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(CommandLine.Command.class).name();
    }
}
