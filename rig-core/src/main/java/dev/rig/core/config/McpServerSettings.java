package dev.rig.core.config;

import dev.rig.spi.RiskClass;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code mcp_servers:} in {@code rig.yaml}: an MCP server mounted as a pack, reached over
 * stdio (a {@code command} RIG starts and supervises) or streamable HTTP (a {@code url}).
 *
 * <p>{@code env} is added to the small environment a stdio server gets (RIG's own environment is
 * not passed on: it may hold other packs' secrets); {@code auth} names secrets (auth slots) passed
 * as environment variables of the same name. {@code headers} are sent with every HTTP request; a
 * value may name secrets as {@code ${SLOT}}. {@code risk} gives a tool's risk class, overriding what
 * the server's annotations suggest. {@code start}: {@link Start#LAZY} starts the server at its first
 * call when its tools are pinned in {@code rig.lock}; {@link Start#BOOT} starts it with the gateway.
 */
public record McpServerSettings(
        String id,
        List<String> command,
        Map<String, String> env,
        URI url,
        Map<String, String> headers,
        List<String> auth,
        Start start,
        Map<String, RiskClass> risk,
        Duration startTimeout) {

    private static final Pattern SLOT_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    /** When a stdio server's process starts. */
    public enum Start {
        LAZY, BOOT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public McpServerSettings {
        Objects.requireNonNull(id, "id");
        command = command == null ? List.of() : List.copyOf(command);
        env = ordered(env);
        headers = ordered(headers);
        auth = auth == null ? List.of() : List.copyOf(auth);
        start = start == null ? Start.LAZY : start;
        risk = risk == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(risk));
        startTimeout = startTimeout == null ? Duration.ofSeconds(30) : startTimeout;
        if (command.isEmpty() == (url == null)) {
            throw new IllegalArgumentException("give either command (a stdio server) or url (an HTTP server)");
        }
    }

    /** A stdio server started with {@code command}. */
    public static McpServerSettings stdio(String id, List<String> command, Map<String, String> env, List<String> auth) {
        return new McpServerSettings(id, command, env, null, null, auth, null, null, null);
    }

    /** Whether RIG starts the server as a process (else it is reached at {@link #url()}). */
    public boolean isStdio() {
        return url == null;
    }

    /** Every secret the server needs: {@code auth} and the {@code ${SLOT}}s named in header values. */
    public List<String> secretSlots() {
        LinkedHashMap<String, Boolean> slots = new LinkedHashMap<>();
        auth.forEach(slot -> slots.put(slot, true));
        for (String value : headers.values()) {
            Matcher m = SLOT_REFERENCE.matcher(value);
            while (m.find()) {
                slots.put(m.group(1), true);
            }
        }
        return List.copyOf(slots.keySet());
    }

    /** {@code value} with each {@code ${SLOT}} replaced by the secret's value. */
    public static String expand(String value, Map<String, String> secrets) {
        return SLOT_REFERENCE.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                secrets.getOrDefault(m.group(1), "")));
    }

    /** What the server is, for messages and {@code rig.lock}: its command line or its URL. */
    public String target() {
        return isStdio() ? String.join(" ", command) : url.toString();
    }

    private static Map<String, String> ordered(Map<String, String> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        // env and header values may be secrets written inline: never print them.
        return "McpServerSettings[id=" + id + ", target=" + target() + ", env=" + env.keySet() + ", headers="
                + headers.keySet() + ", auth=" + auth + ", start=" + start.wireName() + ", risk=" + risk + "]";
    }
}
