package dev.rig.pack.echo;

import dev.rig.testkit.PackContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The echo pack keeps the pack contract (testkit). */
class EchoContractTest {

    @TestFactory
    Stream<DynamicTest> contract() {
        return PackContract.of(new EchoPack()).tests();
    }
}
