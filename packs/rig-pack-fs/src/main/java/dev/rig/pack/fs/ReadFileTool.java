package dev.rig.pack.fs;

import dev.rig.spi.ErrorType;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/** {@code fs.read_file}: the UTF-8 text of one file, up to the pack's size cap. */
final class ReadFileTool implements Tool {

    private static final ToolDef DEFINITION = ToolDef.builder("fs.read_file")
            .description("Reads a UTF-8 text file of the fs root. Binary files and files over the size cap"
                    + " (setting max_file_bytes, 1 MiB by default) are refused.")
            .risk(RiskClass.READ)
            .idempotent(true)
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
                        "content": {"type": "string"},
                        "size": {"type": "integer", "minimum": 0, "description": "Size in bytes."}
                      },
                      "required": ["path", "content", "size"],
                      "additionalProperties": false
                    }""")
            .example("note", "Read a note written earlier.", """
                    {"path": "notes/todo.txt"}""", null)
            .build();

    private final Sandbox sandbox;
    private final long maxFileBytes;

    ReadFileTool(Sandbox sandbox, long maxFileBytes) {
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
        if (Files.isDirectory(file.real())) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR, "'" + file.display() + "' is a directory, not a file")
                    .hint("list it with fs.list_directory")
                    .build();
        }
        if (!Files.exists(file.real())) {
            throw ToolException.builder(ErrorType.NOT_FOUND, "file '" + file.display() + "' does not exist")
                    .hint("list its directory with fs.list_directory")
                    .build();
        }
        if (!Files.isRegularFile(file.real())) {
            throw ToolException.of(ErrorType.VALIDATION_ERROR, "'" + file.display() + "' is not a regular file");
        }
        byte[] bytes = read(file);
        return Map.of("path", file.display(), "content", decode(file, bytes), "size", (long) bytes.length);
    }

    private byte[] read(SandboxPath file) throws ToolException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file.real())) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
        } catch (IOException e) {
            throw file.failure("read", e);
        }
        if (bytes.length > maxFileBytes) {
            throw ToolException.builder(ErrorType.VALIDATION_ERROR,
                            "file '" + file.display() + "' is larger than the limit of " + maxFileBytes + " bytes")
                    .hint("read a smaller file, or raise packs.fs.max_file_bytes in rig.yaml")
                    .build();
        }
        return bytes;
    }

    private static String decode(SandboxPath file, byte[] bytes) throws ToolException {
        for (byte b : bytes) {
            if (b == 0) {
                throw notText(file);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw notText(file);
        }
    }

    private static ToolException notText(SandboxPath file) {
        return ToolException.builder(ErrorType.VALIDATION_ERROR,
                        "file '" + file.display() + "' is binary or not UTF-8 text; fs.read_file reads UTF-8 text only")
                .hint("only read text files with this tool")
                .build();
    }
}
