package dev.rig.pack.fs;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code fs} pack: list, read, write and delete files inside one sandbox directory. */
public final class FsPack implements Pack {

    @Override
    public String id() {
        return "fs";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Reads and writes UTF-8 files inside a sandbox directory; needs no credentials.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code root} or {@code max_file_bytes} is invalid
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        FsSettings settings = FsSettings.from(environment);
        Sandbox sandbox = new Sandbox(settings.root());
        return List.of(
                new ListDirectoryTool(sandbox),
                new ReadFileTool(sandbox, settings.maxFileBytes()),
                new WriteFileTool(sandbox, settings.maxFileBytes()),
                new DeleteFileTool(sandbox));
    }
}
