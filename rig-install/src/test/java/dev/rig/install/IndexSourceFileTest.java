package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSourceFileTest {

    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

    private IndexSource source() {
        return new IndexSource(work.resolve("cache"), IndexSource.DEFAULT_TTL, clock, "0.1.0");
    }

    @Test
    void aFileIsReadEveryTimeAndNeverCached() throws Exception {
        Path file = work.resolve("index.json");
        Files.writeString(file, IndexSourceTest.index("echo"));
        IndexSource source = source();

        IndexReading first = source.fetch(IndexSource.location(file.toString()));
        Files.writeString(file, IndexSourceTest.index("echo", "fs"));
        clock.advance(Duration.ofMinutes(1));
        IndexReading second = source.fetch(file.toUri());

        assertThat(first.fromCache()).isFalse();
        assertThat(first.notice()).isNull();
        assertThat(first.index().origin()).isEqualTo(file.toString());
        assertThat(first.index().packs()).containsOnlyKeys("echo");
        assertThat(second.index().packs()).containsOnlyKeys("echo", "fs");
        assertThat(second.fetchedAt()).isEqualTo(Instant.parse("2026-11-22T10:01:00Z"));
        assertThat(work.resolve("cache")).doesNotExist();
    }

    @Test
    void aMissingFileIsNotFoundAndNamesThePath() {
        Path missing = work.resolve("nowhere/index.json");

        RigException error = catchThrowableOfType(RigException.class, () -> source().fetch(missing.toUri()));

        assertThat(error.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(error.getMessage()).isEqualTo("index file " + missing + " does not exist or is not a file");
        assertThat(error.hints()).containsExactly("check the path given to --index-url");
    }

    @Test
    void anInvalidFileNamesItsPath() throws Exception {
        Path file = work.resolve("index.json");
        Files.writeString(file, "{\"api_version\": 7, \"packs\": {}}");

        RigException error = catchThrowableOfType(RigException.class, () -> source().fetch(file.toUri()));

        assertThat(error.getMessage()).startsWith("index " + file + ": api_version 7 is not supported");
    }

    @Test
    void locationKeepsUrlsAndMakesPathsAbsoluteFileUris() {
        assertThat(IndexSource.location("https://example.test/i.json?v=1"))
                .isEqualTo(URI.create("https://example.test/i.json?v=1"));
        assertThat(IndexSource.location("file:///tmp/i.json")).isEqualTo(URI.create("file:///tmp/i.json"));
        assertThat(IndexSource.location("packs/index.json"))
                .isEqualTo(Path.of("packs/index.json").toAbsolutePath().normalize().toUri());
        assertThat(catchThrowableOfType(RigException.class, () -> IndexSource.location("https://exa mple.test/")))
                .hasMessageStartingWith("index URL https://exa mple.test/ is not valid: ");
    }
}
