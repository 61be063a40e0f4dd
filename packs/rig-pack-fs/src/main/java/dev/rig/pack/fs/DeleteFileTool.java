package dev.rig.pack.fs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Map;

/**
 * {@code fs.delete_file}: deletes one file; never a directory, never the root.
 *
 * <p>When the path names a symbolic link (one that stays inside the root), the link is deleted,
 * not what it leads to.
 */
final class DeleteFileTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("fs.delete_file")
            .description("Deletes a file of the fs root. Directories and the root itself are refused.")
            .risk(RiskClass.DESTRUCTIVE)
            .idempotent(false)
            .tags("fs", "files")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "path": {"type": "string", "maxLength": 4096,
                                 "description": "File relative to the fs root."}
                      },
                      "required": ["path"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "path": {"type": "string"},
                        "deleted": {"const": true}
                      },
                      "required": ["path", "deleted"],
                      "additionalProperties": false
                    }""")
            .example("note", "Delete a note.", """
                    {"path": "notes/todo.txt"}""", null)
            .build();

    private final Sandbox sandbox;

    DeleteFileTool(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException {
        SandboxPath file = sandbox.resolve(call.args().get("path"));
        if (file.root()) {
            throw ToolException.builder(ErrorType.PERMISSION_ERROR, "the fs root itself cannot be deleted")
                    .hint("name a file inside the root, such as \"notes/todo.txt\"")
                    .build();
        }
        if (!Files.exists(file.entry(), LinkOption.NOFOLLOW_LINKS)) {
            throw ToolException.builder(ErrorType.NOT_FOUND, "file '" + file.display() + "' does not exist")
                    .hint("list its directory with fs.list_directory")
                    .build();
        }
        if (Files.isDirectory(file.entry(), LinkOption.NOFOLLOW_LINKS)) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "'" + file.display() + "' is a directory; fs.delete_file deletes files only")
                    .hint("delete the files inside it one by one")
                    .build();
        }
        try {
            Files.delete(file.entry());
        } catch (IOException e) {
            throw file.failure("delete", e);
        }
        return Map.of("path", file.display(), "deleted", true);
    }
}
