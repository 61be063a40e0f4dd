package dev.rig.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.spi.ErrorType;
import dev.rig.spi.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets come from the environment and a 600 file, per tenant first, and never print. */
class SecretResolverTest {

    @TempDir
    Path dir;

    @Test
    void tenantValueWinsThenEnvironmentThenFile() throws Exception {
        Path file = dir.resolve("secrets.env");
        Files.writeString(file, "# comment\nAPI_KEY=from-file\nexport OTHER='quoted value'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        SecretsFile.Reading reading = SecretsFile.read(file);
        assertThat(reading.problem()).isNull();
        SecretResolver resolver = new SecretResolver(List.of(
                new SecretSource("env", Map.of("ACME_EU__API_KEY", "acme-env")), reading.source()), null);
        SecretResolver.Resolution acme = resolver.resolve(List.of("API_KEY", "OTHER"), "acme-eu");
        assertThat(acme.secrets().get("API_KEY")).contains("acme-env");
        assertThat(acme.secrets().get("OTHER")).contains("quoted value");
        assertThat(acme.marker()).isEqualTo("env:ACME_EU__API_KEY,file:OTHER");
        assertThat(acme.secrets().toString()).doesNotContain("acme-env").contains("API_KEY");
        assertThat(resolver.resolve(List.of("API_KEY"), "default").secrets().get("API_KEY")).contains("from-file");
    }

    @Test
    void missingSlotIsAnAuthErrorNamingIt() {
        SecretResolver resolver = new SecretResolver(List.of(new SecretSource("env", Map.of())), null);
        ToolException e = catchThrowableOfType(ToolException.class,
                () -> resolver.resolve(List.of("STRIPE_API_KEY"), "acme"));
        assertThat(e.type()).isEqualTo(ErrorType.AUTH_ERROR);
        assertThat(e.getMessage()).contains("STRIPE_API_KEY");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void aFileOthersCanReadIsRefused() throws IOException {
        Path file = dir.resolve("secrets.env");
        Files.writeString(file, "API_KEY=x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecretsFile.Reading reading = SecretsFile.read(file);
        assertThat(reading.problem()).contains("chmod 600");
        assertThat(reading.source().get("API_KEY")).isEmpty();
    }
}
