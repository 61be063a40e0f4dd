package dev.rig.pack.fs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code fs.list_directory}: the files and directories in one directory, sorted by name.
 *
 * <p>A symbolic link is listed as what it leads to, and left out when it leads outside the root or
 * nowhere; other special files (sockets, devices) are left out too.
 */
final class ListDirectoryTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("fs.list_directory")
            .description("Lists the files and directories in a directory of the fs root, sorted by name."
                    + " Sizes are in bytes (0 for directories).")
            .risk(RiskClass.READ)
            .idempotent(true)
            .tags("fs", "files")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "path": {"type": "string", "maxLength": 4096,
                                 "description": "Directory relative to the fs root; an empty path or . is the root."}
                      },
                      "required": ["path"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "path": {"type": "string"},
                        "entries": {
                          "type": "array",
                          "items": {
                            "type": "object",
                            "properties": {
                              "name": {"type": "string"},
                              "type": {"enum": ["file", "directory"]},
                              "size": {"type": "integer", "minimum": 0}
                            },
                            "required": ["name", "type", "size"],
                            "additionalProperties": false
                          }
                        }
                      },
                      "required": ["path", "entries"],
                      "additionalProperties": false
                    }""")
            .example("root", "List the fs root.", """
                    {"path": "."}""", null)
            .build();

    private final Sandbox sandbox;

    ListDirectoryTool(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException {
        SandboxPath directory = sandbox.resolve(call.args().get("path"));
        if (!Files.exists(directory.real())) {
            throw ToolException.builder(ErrorType.NOT_FOUND, "directory '" + directory.display() + "' does not exist")
                    .hint("list \".\" to see what the fs root holds")
                    .build();
        }
        if (!Files.isDirectory(directory.real())) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "'" + directory.display() + "' is a file, not a directory")
                    .hint("read it with fs.read_file")
                    .build();
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory.real())) {
            for (Path child : children) {
                Map<String, Object> entry = describe(child);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw directory.failure("list", e);
        }
        entries.sort(Comparator.comparing(entry -> (String) entry.get("name")));
        return Map.of("path", directory.display(), "entries", List.copyOf(entries));
    }

    /** The entry for {@code child}, or null when it is not shown. */
    private Map<String, Object> describe(Path child) {
        if (Files.isSymbolicLink(child) && !sandbox.encloses(child)) {
            return null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(child, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        String name = child.getFileName().toString();
        if (attributes.isDirectory()) {
            return Map.of("name", name, "type", "directory", "size", 0L);
        }
        if (attributes.isRegularFile()) {
            return Map.of("name", name, "type", "file", "size", attributes.size());
        }
        return null;
    }
}
