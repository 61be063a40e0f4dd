package dev.rig.pack.fs;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The fs pack keeps the pack contract (testkit), in a sandbox of its own. */
class FsContractTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> contract() {
        return PackContract.of(new FsPack()).workingDirectory(dir).tests();
    }
}
