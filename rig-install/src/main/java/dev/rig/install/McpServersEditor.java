package dev.rig.install;

import dev.rig.core.api.RigException;
import dev.rig.core.config.ConfigLoader;
import dev.rig.core.config.McpServerSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Adds and removes servers of the {@code mcp_servers:} section of a workspace's {@code rig.yaml},
 * keeping the user's comments, order and layout everywhere else byte for byte.
 *
 * <p>Like {@link RigYamlEditor}, every edit is proved before it is written: the new text is loaded
 * with {@link ConfigLoader}, and the configuration must equal the old one except that
 * {@code mcp_servers} gained, lost or replaced exactly the one server. An edit is {@linkplain #planAdd
 * planned} first (proved, nothing written) and {@linkplain Plan#apply applied} later, so {@code rig
 * install mcp:} refuses a file it cannot edit before it starts the server, and writes nothing when
 * the server does not start.
 */
public final class McpServersEditor {

    /** A scalar written without quotes: a word of letters, digits and {@code _ . / + = -}, not a YAML keyword. */
    private static final Pattern PLAIN = Pattern.compile("-{0,2}[A-Za-z_./][A-Za-z0-9_./+=-]*");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null",
            ".inf", ".nan");

    private McpServersEditor() {}

    /** A proved edit of {@code file}: from {@code before} to {@code after}. */
    public record Plan(Path file, String before, String after, String summary) {

        public Plan {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(summary, "summary");
        }

        /**
         * Writes the edit (atomically, keeping the file's permissions).
         *
         * @throws RigException CONFLICT when the file changed since it was planned; nothing is written then
         */
        public RigYamlEditor.Edit apply() {
            if (!RigYamlFile.read(file).equals(before)) {
                throw new RigException(ErrorType.CONFLICT, file + " changed while RIG was editing it; it is left as"
                        + " you wrote it", "run the command again");
            }
            RigYamlFile.replace(file, after);
            return new RigYamlEditor.Edit(true, summary);
        }
    }

    /**
     * Plans adding {@code server} to {@code rigYaml} (replacing its entry when {@code replace}).
     *
     * @throws RigException NOT_FOUND when the file does not exist; VALIDATION_ERROR when it does not load,
     *     or its {@code mcp_servers:} section cannot be edited safely (the hint gives the lines to add by hand);
     *     CONFLICT when the server is there already and {@code replace} is false
     */
    public static Plan planAdd(Path rigYaml, McpServerSettings server, boolean replace) {
        Path file = RigYamlFile.existing(rigYaml);
        String text = RigYamlFile.read(file);
        RigConfig before = ConfigLoader.load(file.getParent(), file);
        String id = server.id();
        boolean present = before.mcpServers().containsKey(id);
        if (present && !replace) {
            throw new RigException(ErrorType.CONFLICT, "mcp_servers." + id + " is already in " + file.getFileName(),
                    "`--force` replaces it");
        }
        List<String> settings = settingsLines(server);
        McpServersSection section = McpServersSection.of(text);
        String after;
        try {
            after = section.withServer(id, settings);
        } catch (TopLevelSection.UnsupportedShape e) {
            throw refusal(file, e.line(), e.getMessage(), McpServersSection.addByHand(id, settings, file.toString()));
        }
        Map<String, McpServerSettings> expected = new LinkedHashMap<>(before.mcpServers());
        expected.put(id, server);
        RigYamlFile.prove(file, after, config -> sameExceptServers(before, config, expected), () -> refusal(file,
                section.keyLine(), "the edited file would not load as the same configuration with " + id
                        + (present ? " replaced" : " added"), McpServersSection.addByHand(id, settings, file.toString())));
        return new Plan(file, text, after, (present ? "replaced " : "added ") + "mcp_servers." + id + " in "
                + file.getFileName());
    }

    /**
     * Removes server {@code id} from {@code rigYaml}: its line and the settings indented under it.
     * Unchanged when the file does not list it.
     *
     * @throws RigException NOT_FOUND when the file does not exist; VALIDATION_ERROR when it does not load or
     *     its {@code mcp_servers:} section cannot be edited safely
     */
    public static RigYamlEditor.Edit remove(Path rigYaml, String id) {
        Path file = RigYamlFile.existing(rigYaml);
        String text = RigYamlFile.read(file);
        RigConfig before = ConfigLoader.load(file.getParent(), file);
        if (!before.mcpServers().containsKey(id)) {
            return new RigYamlEditor.Edit(false, file.getFileName() + " has no mcp_servers." + id);
        }
        McpServersSection section = McpServersSection.of(text);
        String after;
        try {
            after = section.withoutServer(id);
        } catch (TopLevelSection.UnsupportedShape e) {
            throw refusal(file, e.line(), e.getMessage(), section.removeByHand(id) + " in " + file);
        }
        Map<String, McpServerSettings> expected = new LinkedHashMap<>(before.mcpServers());
        expected.remove(id);
        RigYamlFile.prove(file, after, config -> sameExceptServers(before, config, expected), () -> refusal(file,
                section.keyLine(), "the edited file would not load as the same configuration without " + id,
                section.removeByHand(id) + " in " + file));
        new Plan(file, text, after, "").apply();
        return new RigYamlEditor.Edit(true, "removed mcp_servers." + id + " from " + file.getFileName());
    }

    /** The settings lines of {@code server} as written under its id: command or url, env, headers, auth, start. */
    static List<String> settingsLines(McpServerSettings server) {
        List<String> lines = new ArrayList<>();
        if (server.isStdio()) {
            lines.add("command: " + flowList(server.command()));
        } else {
            lines.add("url: " + scalar(server.url().toString()));
        }
        if (!server.env().isEmpty()) {
            lines.add("env: " + flowMap(server.env()));
        }
        if (!server.headers().isEmpty()) {
            lines.add("headers: " + flowMap(server.headers()));
        }
        if (!server.auth().isEmpty()) {
            lines.add("auth: " + flowList(server.auth()));
        }
        if (server.start() != McpServerSettings.Start.LAZY) {
            lines.add("start: " + server.start().wireName());
        }
        if (!server.startTimeout().equals(java.time.Duration.ofSeconds(30))) {
            lines.add("start_timeout_seconds: " + server.startTimeout().toSeconds());
        }
        if (!server.risk().isEmpty()) {
            Map<String, String> risks = new LinkedHashMap<>();
            server.risk().forEach((tool, risk) -> risks.put(tool, risk.wireName()));
            lines.add("risk: " + flowMap(risks));
        }
        return lines;
    }

    /** {@code value} as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !KEYWORDS.contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        try {
            return Json.MAPPER.writeValueAsString(value); // a JSON string is a YAML double-quoted scalar
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String flowList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(McpServersEditor::scalar).toList()) + "]";
    }

    private static String flowMap(Map<String, String> values) {
        List<String> entries = new ArrayList<>();
        values.forEach((key, value) -> entries.add(scalar(key) + ": " + scalar(value)));
        return "{" + String.join(", ", entries) + "}";
    }

    /** Whether {@code after} is {@code before} with {@code servers} as its mcp_servers, every other component equal. */
    static boolean sameExceptServers(RigConfig before, RigConfig after, Map<String, McpServerSettings> servers) {
        return after.mcpServers().equals(servers) && RigYamlFile.othersEqual(before, after, "mcpServers");
    }

    private static RigException refusal(Path file, int line, String reason, String byHand) {
        String where = file.getFileName() + (line > 0 ? ":" + line : "");
        return new RigException(ErrorType.VALIDATION_ERROR, where + ": the mcp_servers: section has a shape RIG cannot"
                + " edit safely (" + reason + "); " + file.getFileName() + " is unchanged", byHand);
    }
}
