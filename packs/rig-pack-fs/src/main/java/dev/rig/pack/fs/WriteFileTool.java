package dev.rig.pack.fs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code fs.write_file}: writes UTF-8 text to a file, creating its parent directories.
 *
 * <p>The text goes to a temporary file in the same directory, which is then moved over the target,
 * so a reader sees the old content or the new, never a part. A replaced file keeps its POSIX
 * permissions; a new one is readable and writable by the gateway's user only.
 */
final class WriteFileTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("fs.write_file")
            .description("Writes UTF-8 text to a file of the fs root, replacing it if it exists and creating"
                    + " missing parent directories. Content over the size cap (max_file_bytes) is refused.")
            .risk(RiskClass.WRITE)
            .idempotent(true)
            .tags("fs", "files")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "path": {"type": "string", "maxLength": 4096,
                                 "description": "File relative to the fs root."},
                        "content": {"type": "string", "description": "The whole new content, as text."}
                      },
                      "required": ["path", "content"],
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "path": {"type": "string"},
                        "bytes_written": {"type": "integer", "minimum": 0},
                        "created": {"type": "boolean", "description": "True when the file did not exist before."}
                      },
                      "required": ["path", "bytes_written", "created"],
                      "additionalProperties": false
                    }""")
            .example("note", "Write a note, creating the notes directory if needed.", """
                    {"path": "notes/todo.txt", "content": "buy milk\\n"}""", null)
            .build();

    private final Sandbox sandbox;
    private final long maxFileBytes;

    WriteFileTool(Sandbox sandbox, long maxFileBytes) {
        this.sandbox = sandbox;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException {
        SandboxPath file = sandbox.resolve(call.args().get("path"));
        if (!(call.args().get("content") instanceof String content)) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "content must be a string")
                    .hint("pass the file's whole text as content")
                    .build();
        }
        if (Files.isDirectory(file.real())) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "'" + file.display() + "' is a directory, not a file")
                    .hint("write to a file inside it, such as \"" + file.display() + "/notes.txt\"")
                    .build();
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxFileBytes) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "content for '" + file.display() + "' is " + bytes.length + " bytes, over the limit of "
                                    + maxFileBytes + " bytes")
                    .hint("write smaller files, or raise packs.fs.max_file_bytes in rig.yaml")
                    .build();
        }
        boolean created = !Files.exists(file.real(), LinkOption.NOFOLLOW_LINKS);
        try {
            Files.createDirectories(file.real().getParent());
            replace(file.real(), bytes, created);
        } catch (IOException e) {
            throw file.failure("write", e);
        }
        return Map.of("path", file.display(), "bytes_written", (long) bytes.length, "created", created);
    }

    private static void replace(Path target, byte[] bytes, boolean created) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".rig-write-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (!created) {
                keepPermissions(target, temporary);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary file keeps the platform's defaults
        }
    }
}
