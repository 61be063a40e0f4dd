package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rig init}: writes a commented {@code rig.yaml} enabling echo and fs, and the fs workspace. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented rig.yaml (packs echo and fs) and ./workspace.")
final class InitCommand implements Callable<Integer> {

    private static final String TEMPLATE = "rig.yaml.template";
    private static final String WORKSPACE = "workspace";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--force", description = "Replace an existing rig.yaml.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path dir = common.workingDirectory();
        Path config = dir.resolve(ConfigLoader.FILE_NAME);
        boolean existed = Files.exists(config);
        if (existed && !force) {
            throw CommandFailure.failed(config + " already exists: not overwriting it",
                    "run `rig init --force` to replace it");
        }
        Files.createDirectories(dir);
        Files.writeString(config, template());
        Path workspace = Files.createDirectories(dir.resolve(WORKSPACE));
        ConfigLoader.load(dir);
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("config", config.toString()).put("workspace", workspace.toString()).put("replaced", existed);
            JsonOutput.print(spec.commandLine().getOut(), doc);
        }
        var err = spec.commandLine().getErr();
        err.println((existed ? "replaced " : "wrote ") + config + " (packs echo, fs; fs root " + workspace + ")");
        err.println("next: `rig serve` starts the gateway; `rig doctor` checks the setup");
        err.flush();
        return ExitCode.OK.code();
    }

    private static String template() {
        try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the rig.yaml template is missing from the rig-cli jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
