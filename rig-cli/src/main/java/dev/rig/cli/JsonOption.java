package dev.rig.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option: print exactly one JSON document on stdout instead of text. */
final class JsonOption {

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean enabled;
}
