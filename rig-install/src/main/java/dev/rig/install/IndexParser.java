package dev.rig.install;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rig.core.api.RigException;
import dev.rig.core.json.Json;
import dev.rig.spi.ErrorType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Turns index JSON into a {@link PackIndex}, failing on the first problem with its JSON path. */
final class IndexParser {

    private static final Pattern MAVEN_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern MAVEN_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]*");
    private static final Pattern NPM_NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*");
    private static final Pattern RIG_VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*([.+-][0-9A-Za-z][0-9A-Za-z.+-]*)?");

    private final String origin;

    IndexParser(String origin) {
        this.origin = origin;
    }

    PackIndex parse(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw problem("index " + origin + " is not valid JSON: " + e.getOriginalMessage() + where);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw problem("index " + origin + " must be a JSON object with api_version and packs");
        }
        JsonNode version = root.get("api_version");
        if (version == null || !version.isIntegralNumber()) {
            throw invalid("api_version", "is missing or not an integer", "set it to " + PackIndex.API_VERSION);
        }
        if (version.asInt() != PackIndex.API_VERSION || !version.canConvertToInt()) {
            throw problem("index " + origin + ": api_version " + version.asText() + " is not supported; this RIG reads "
                    + "api_version " + PackIndex.API_VERSION, "upgrade RIG, or use an index written for api_version "
                    + PackIndex.API_VERSION);
        }
        Instant generatedAt = instant(root.get("generated_at"), "generated_at");
        JsonNode packs = root.get("packs");
        if (packs == null || !packs.isObject()) {
            throw invalid("packs", "is missing or not an object", "list the packs as {\"<id>\": {...}}");
        }
        Map<String, IndexEntry> entries = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : packs.properties()) {
            entries.put(field.getKey(), entry(field.getKey(), field.getValue()));
        }
        return new PackIndex(origin, PackIndex.API_VERSION, generatedAt, entries);
    }

    private IndexEntry entry(String id, JsonNode node) {
        if (!IndexEntry.ID.matcher(id).matches()) {
            throw problem("index " + origin + ": pack id \"" + id + "\" in packs is not valid; an id is 1 to 64 of"
                    + " a-z, 0-9, '_' and '-', starting with a letter or digit, such as \"stripe\"");
        }
        String path = "packs." + id;
        if (!node.isObject()) {
            throw invalid(path, "is not an object", "describe the pack as {\"display_name\": ..., \"java\": {...}}");
        }
        String displayName = text(node, path, "display_name", false);
        String description = text(node, path, "description", false);
        String homepage = text(node, path, "homepage", false);
        return new IndexEntry(id, displayName == null ? id : displayName, description == null ? "" : description,
                homepage, tags(node.get("tags"), path + ".tags"), java(node.get("java"), path + ".java"),
                node(node.get("node"), path + ".node"));
    }

    /** {@code node: {package, version?, min_rig?, bundled?}}: the npm pack of the entry. */
    private NodePackage node(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(path, "is not an object", "give {\"package\", \"version\", \"min_rig\"}");
        }
        String packageName = text(node, path, "package", true);
        if (!NPM_NAME.matcher(packageName).matches()) {
            throw invalid(path + ".package", "\"" + packageName + "\" is not an npm package name",
                    "give a name such as \"@rig/pack-github\"");
        }
        String version = text(node, path, "version", false);
        if (version != null && version.isBlank()) {
            throw invalid(path + ".version", "is empty", "give an npm version such as \"0.1.0\", or leave it out");
        }
        String minRig = text(node, path, "min_rig", false);
        if (minRig != null && !RIG_VERSION.matcher(minRig).matches()) {
            throw invalid(path + ".min_rig", "\"" + minRig + "\" is not a version",
                    "give the oldest RIG release the pack runs on, such as \"0.1.0\", or leave min_rig out");
        }
        String bundled = text(node, path, "bundled", false);
        if (bundled != null && (bundled.isBlank() || bundled.startsWith("/") || bundled.contains(".."))) {
            throw invalid(path + ".bundled", "\"" + bundled + "\" is not a path inside the RIG installation",
                    "give a relative path such as \"npm/pack-echo\", or leave bundled out");
        }
        return new NodePackage(packageName, version, minRig, bundled);
    }

    private List<String> tags(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(path, "is not an array", "write the tags as [\"payments\", ...]");
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw invalid(path + "[" + i + "]", "is not a string", "write each tag as a string");
            }
            tags.add(node.get(i).asText());
        }
        return tags;
    }

    private JavaPackage java(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(path, "is not an object", "give {\"groupId\", \"artifactId\", \"version\", \"min_rig\"}");
        }
        String groupId = mavenField(node, path, "groupId", MAVEN_ID, "a Maven group id such as \"dev.rig\"");
        String artifactId = mavenField(node, path, "artifactId", MAVEN_ID, "a Maven artifact id such as \"rig-pack-echo\"");
        String version = mavenField(node, path, "version", MAVEN_VERSION, "a Maven version such as \"0.1.0\"");
        String minRig = text(node, path, "min_rig", false);
        if (minRig != null && !RIG_VERSION.matcher(minRig).matches()) {
            throw invalid(path + ".min_rig", "\"" + minRig + "\" is not a version",
                    "give the oldest RIG release the pack runs on, such as \"0.1.0\", or leave min_rig out");
        }
        return new JavaPackage(groupId, artifactId, version, minRig);
    }

    private String mavenField(JsonNode node, String path, String name, Pattern pattern, String expected) {
        String value = text(node, path, name, true);
        if (!pattern.matcher(value).matches()) {
            throw invalid(path + "." + name, "\"" + value + "\" is not valid", "give " + expected);
        }
        return value;
    }

    private String text(JsonNode node, String path, String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(path + "." + name, "is missing", "add it as a string");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path + "." + name, "is not a string", "write it as a string");
        }
        if (required && value.asText().isBlank()) {
            throw invalid(path + "." + name, "is empty", "give a value");
        }
        return value.asText();
    }

    private Instant instant(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return Instant.parse(node.asText());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw invalid(path, "is not an ISO-8601 instant", "write it like \"2026-11-20T00:00:00Z\", or leave it out");
    }

    private RigException invalid(String path, String what, String fix) {
        return problem("index " + origin + ": " + path + " " + what + "; " + fix);
    }

    private RigException problem(String message, String... hints) {
        return new RigException(ErrorType.VALIDATION_ERROR, message,
                hints.length > 0 ? hints : new String[] {"fix the index, or point --index-url at another index"});
    }
}
