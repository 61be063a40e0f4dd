package dev.rig.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.install.Installer;
import dev.rig.install.PackChange;
import dev.rig.install.PackSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rig init}: writes a commented {@code rig.yaml} enabling echo and fs, the fs workspace, and
 * installs echo and fs from the distribution's bundled repository (offline) into .rig/packs and rig.lock.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented rig.yaml and ./workspace, and install packs echo and fs (offline).")
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
        Path configFile = dir.resolve(ConfigLoader.FILE_NAME);
        boolean existed = Files.exists(configFile);
        if (existed && !force) {
            throw CommandFailure.failed(configFile + " already exists: not overwriting it",
                    "run `rig init --force` to replace it");
        }
        Files.createDirectories(dir);
        Files.writeString(configFile, template());
        Path workspace = Files.createDirectories(dir.resolve(WORKSPACE));
        RigConfig config = ConfigLoader.load(dir);
        var err = spec.commandLine().getErr();
        List<PackChange> installed = List.of();
        if (RigHome.current().filter(RigHome::exists).isPresent()) {
            installed = new PackSourceOptions().installer(config, err, List.of("bundled"), true)
                    .install(List.of(PackSpec.parse("echo"), PackSpec.parse("fs")),
                            new Installer.InstallOptions(false, false, false, true));
        } else {
            err.println("warning: no distribution (rig.home) found: echo and fs were not installed");
        }
        if (json.enabled) {
            ObjectNode doc = Json.MAPPER.createObjectNode();
            doc.put("config", configFile.toString()).put("workspace", workspace.toString()).put("replaced", existed);
            installed.forEach(c -> doc.putArray("installed").addObject().put("pack", c.packId())
                    .put("version", c.toVersion()).put("action", c.action().wire()));
            JsonOutput.print(spec.commandLine().getOut(), doc);
        }
        err.println((existed ? "replaced " : "wrote ") + configFile + " (packs echo, fs; fs root " + workspace + ")");
        for (PackChange change : installed) {
            err.println(change.action() == PackChange.Action.ALREADY_INSTALLED
                    ? change.packId() + " " + change.toVersion() + " is already installed"
                    : "installed " + change.packId() + " " + change.toVersion() + " from the bundled repository");
        }
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
