package dev.rig.core.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rig.core.api.RigException;
import dev.rig.core.files.AtomicFile;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code rig.lock}: the packs a workspace has installed, each with the exact version and the sha256
 * of every jar. The gateway loads an installed pack only when its jars match this file.
 *
 * <p>The original's fields ({@code version}, {@code rig_version}, {@code index_url},
 * {@code index_generated_at}, {@code created_at}, {@code updated_at}, {@code packs.<id>.pack_id,
 * package, version, runtime, integrity, installed_at}) plus {@code source} and {@code jars} per pack.
 * Written with sorted keys and a trailing newline, so that diffs of it are readable.
 */
public record LockFile(
        int version,
        String rigVersion,
        String indexUrl,
        Instant indexGeneratedAt,
        Instant createdAt,
        Instant updatedAt,
        SortedMap<String, LockedPack> packs) {

    /** The file name, next to {@code rig.yaml}. */
    public static final String FILE_NAME = "rig.lock";
    /** The format version this gateway writes and reads. */
    public static final int FORMAT = 1;

    public LockFile {
        if (version != FORMAT) {
            throw new IllegalArgumentException("version: " + version + " is not a lock format this RIG reads ("
                    + FORMAT + ")");
        }
        rigVersion = rigVersion == null ? "unknown" : rigVersion;
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(updatedAt, "updated_at");
        TreeMap<String, LockedPack> copy = new TreeMap<>(Objects.requireNonNull(packs, "packs"));
        copy.forEach((id, pack) -> {
            if (!id.equals(pack.packId())) {
                throw new IllegalArgumentException("packs." + id + ".pack_id: is " + pack.packId() + ", not " + id);
            }
        });
        packs = Collections.unmodifiableSortedMap(copy);
    }

    /** A lock with no packs yet. */
    public static LockFile empty(String rigVersion, Instant now) {
        return new LockFile(FORMAT, rigVersion, null, null, now, now, new TreeMap<>());
    }

    /** The locked pack {@code id}. */
    public Optional<LockedPack> pack(String id) {
        return Optional.ofNullable(packs.get(id));
    }

    /** This lock with {@code pack} added or replaced. */
    public LockFile with(LockedPack pack, String writerVersion, Instant now) {
        TreeMap<String, LockedPack> next = new TreeMap<>(packs);
        next.put(pack.packId(), pack);
        return new LockFile(FORMAT, writerVersion, indexUrl, indexGeneratedAt, createdAt, now, next);
    }

    /** This lock without pack {@code id}. */
    public LockFile without(String id, String writerVersion, Instant now) {
        TreeMap<String, LockedPack> next = new TreeMap<>(packs);
        next.remove(id);
        return new LockFile(FORMAT, writerVersion, indexUrl, indexGeneratedAt, createdAt, now, next);
    }

    /** This lock remembering the index the packs came from. */
    public LockFile withIndex(String url, Instant generatedAt) {
        return new LockFile(FORMAT, rigVersion, url, generatedAt, createdAt, updatedAt, packs);
    }

    /**
     * Reads {@code file}; empty when it does not exist.
     *
     * @throws RigException {@code validation_error} naming the file and the field when it cannot be used
     */
    public static Optional<LockFile> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RigException(ErrorType.VALIDATION_ERROR, "cannot read " + file + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            throw broken(file, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        try {
            return Optional.of(fromJson(root));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw broken(file, e.getMessage());
        }
    }

    private static RigException broken(Path file, String what) {
        return new RigException(ErrorType.VALIDATION_ERROR, file + " cannot be used: " + what,
                "restore it from version control, or delete it and run `rig install` for each pack in rig.yaml");
    }

    /**
     * The lock in {@code root}, the JSON form {@link #toJsonNode} gives (snapshot records keep their pack
     * set this way).
     *
     * @throws IllegalArgumentException naming the field that cannot be used
     */
    public static LockFile fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the top level must be a JSON object");
        }
        JsonNode packsNode = root.path("packs");
        if (!packsNode.isObject()) {
            throw new IllegalArgumentException("packs: must be an object of pack id to pack");
        }
        TreeMap<String, LockedPack> packs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = packsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                packs.put(entry.getKey(), pack(entry.getValue()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("packs." + entry.getKey() + "." + e.getMessage(), e);
            }
        }
        return new LockFile(root.path("version").asInt(-1), text(root, "rig_version"), text(root, "index_url"),
                instant(root, "index_generated_at"), required(instant(root, "created_at"), "created_at"),
                required(instant(root, "updated_at"), "updated_at"), packs);
    }

    private static LockedPack pack(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        JsonNode jarsNode = node.path("jars");
        if (jarsNode.isMissingNode() && !LockedPack.JAVA.equals(text(node, "runtime"))
                && text(node, "runtime") != null) {
            jarsNode = Json.MAPPER.createArrayNode();
        }
        if (!jarsNode.isArray()) {
            throw new IllegalArgumentException("jars: must be a list of {file, coordinates, size, sha256}");
        }
        List<LockedJar> jars = new ArrayList<>();
        for (int i = 0; i < jarsNode.size(); i++) {
            JsonNode jar = jarsNode.get(i);
            try {
                jars.add(new LockedJar(text(jar, "file"), text(jar, "coordinates"), jar.path("size").asLong(-1),
                        text(jar, "sha256")));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("jars[" + i + "]." + e.getMessage(), e);
            }
        }
        TreeMap<String, PinnedTool> tools = new TreeMap<>();
        JsonNode toolsNode = node.path("tools");
        if (!toolsNode.isMissingNode() && !toolsNode.isNull()) {
            if (!toolsNode.isObject()) {
                throw new IllegalArgumentException("tools: must be an object of tool name to {fingerprint, enabled,"
                        + " definition}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = toolsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> tool = it.next();
                JsonNode value = tool.getValue();
                try {
                    if (!value.path("definition").isObject() || !value.path("enabled").isBoolean()) {
                        throw new IllegalArgumentException("must hold definition (an object) and enabled (true or"
                                + " false)");
                    }
                    tools.put(tool.getKey(), new PinnedTool(text(value, "fingerprint"),
                            value.get("enabled").asBoolean(), value.get("definition")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tools." + tool.getKey() + "." + e.getMessage(), e);
                }
            }
        }
        return new LockedPack(required(text(node, "pack_id"), "pack_id"), required(text(node, "package"), "package"),
                required(text(node, "version"), "version"), text(node, "runtime"),
                required(text(node, "integrity"), "integrity"),
                required(instant(node, "installed_at"), "installed_at"), text(node, "source"), jars, tools,
                disabledTools(node.path("disabled_tools")));
    }

    private static TreeSet<String> disabledTools(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        if (node.isMissingNode() || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("disabled_tools: must be a list of tool names");
        }
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("disabled_tools: must be a list of tool names, found " + name);
            }
            names.add(name.asText());
        }
        return names;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO-8601 instant", e);
        }
    }

    /** The JSON text of this lock. */
    public String toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonNode()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rig.lock JSON", e);
        }
    }

    /** This lock as a JSON object (the content of rig.lock). */
    public ObjectNode toJsonNode() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", version);
        root.put("rig_version", rigVersion);
        root.put("index_url", indexUrl);
        root.put("index_generated_at", indexGeneratedAt == null ? null : indexGeneratedAt.toString());
        root.put("created_at", createdAt.toString());
        root.put("updated_at", updatedAt.toString());
        ObjectNode packsNode = root.putObject("packs");
        packs.forEach((id, pack) -> {
            ObjectNode node = packsNode.putObject(id);
            node.put("pack_id", pack.packId());
            node.put("package", pack.packageName());
            node.put("version", pack.version());
            node.put("runtime", pack.runtime());
            node.put("integrity", pack.integrity());
            node.put("installed_at", pack.installedAt().toString());
            node.put("source", pack.source());
            if (pack.runtime().equals(LockedPack.JAVA)) {
                ArrayNode jars = node.putArray("jars");
                for (LockedJar jar : pack.jars()) {
                    jars.addObject().put("file", jar.file()).put("coordinates", jar.coordinates())
                            .put("size", jar.size()).put("sha256", jar.sha256());
                }
            }
            if (!pack.disabledTools().isEmpty()) {
                ArrayNode disabled = node.putArray("disabled_tools");
                pack.disabledTools().forEach(disabled::add);
            }
            if (!pack.tools().isEmpty()) {
                ObjectNode tools = node.putObject("tools");
                pack.tools().forEach((name, pin) -> {
                    ObjectNode tool = tools.putObject(name);
                    tool.put("fingerprint", pin.fingerprint());
                    tool.put("enabled", pin.enabled());
                    tool.set("definition", pin.definition());
                });
            }
        });
        return root;
    }

    /** Writes this lock to {@code file} atomically: readers see the old file or the new one, never a part. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }
}
