package dev.rig.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        int exit = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /** The whole command tree, printing data to {@code out} and messages to {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new RigCommand())
                .setExpandAtFiles(false) // `call TOOL @args.json` names the ARGS file, not picocli's argument file
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExecutionStrategy(new LogLevel().around(new CommandLine.RunLast()));
    }
}
