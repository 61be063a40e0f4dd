package dev.rig.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code rig} in-process with captured stdout and stderr, as the tests see it. */
final class Cli {

    private Cli() {}

    /** What one run left behind: the exit code, stdout and stderr, kept apart. */
    record Run(int exit, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
