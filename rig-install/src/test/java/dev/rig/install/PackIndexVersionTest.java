package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackIndexVersionTest {

    private static IndexEntry stripe(String minRig) {
        return new IndexEntry("stripe", "Stripe", "", null, List.of(),
                new JavaPackage("dev.rig", "rig-pack-stripe", "1.2.0", minRig));
    }

    @Test
    void tooOldRigIsToldToUpgradeOrPickAnOlderPack() {
        RigException error = catchThrowableOfType(RigException.class, () -> stripe("0.3.0").requireRig("0.1.0"));

        assertThat(error.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(error.getMessage()).isEqualTo("pack stripe 1.2.0 needs RIG 0.3.0 or newer; this is RIG 0.1.0");
        assertThat(error.hints()).containsExactly("upgrade RIG, or install an older stripe: rig install stripe@<version>");
    }

    @ParameterizedTest(name = "RIG {0} runs a pack needing {1}")
    @CsvSource({"0.3.0, 0.3.0", "0.3.1, 0.3.0", "0.10.0, 0.9.0", "1.0.0, 1.0.0-rc1", "1.0, 1.0.0", "unknown, 99.0.0"})
    void newEnoughRigPasses(String rig, String minRig) {
        assertThat(stripe(minRig).requireRig(rig).coordinates()).isEqualTo("dev.rig:rig-pack-stripe:1.2.0");
    }

    @ParameterizedTest(name = "RIG {0} does not run a pack needing {1}")
    @CsvSource({"0.9.0, 0.10.0", "1.0.0-rc1, 1.0.0", "0.3.0-SNAPSHOT, 0.3.0", "0.2.9, 0.3"})
    void olderRigFailsInMavenVersionOrder(String rig, String minRig) {
        assertThat(catchThrowableOfType(RigException.class, () -> stripe(minRig).requireRig(rig)))
                .hasMessageContaining("needs RIG " + minRig + " or newer; this is RIG " + rig);
    }

    @Test
    void packWithoutMinRigRunsOnAnyRig() {
        assertThat(stripe(null).requireRig("0.0.1").version()).isEqualTo("1.2.0");
    }
}
