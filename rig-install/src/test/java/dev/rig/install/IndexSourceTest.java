package dev.rig.install;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSourceTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path cache;

    private final ManualClock clock = new ManualClock(START);
    private WireMockServer server;
    private IndexSource source;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        source = new IndexSource(cache, IndexSource.DEFAULT_TTL, clock, "0.1.0");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** An index listing the given pack ids. */
    static String index(String... ids) {
        return Stream.of(ids)
                .map(id -> "\"" + id + "\": {\"display_name\": \"" + id + "\", \"java\": {\"groupId\": \"dev.rig\","
                        + " \"artifactId\": \"rig-pack-" + id + "\", \"version\": \"0.1.0\"}}")
                .collect(Collectors.joining(", ", "{\"api_version\": 1, \"packs\": {", "}}"));
    }

    private URI url(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private void serve(String path, String body) {
        server.stubFor(get(urlEqualTo(path)).willReturn(okJson(body)));
    }

    private void answer(String path, int status) {
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void downloadsWithJsonAcceptAndRigUserAgentThenCachesUnderTheUrlHash() throws Exception {
        serve("/index.json", index("echo"));

        IndexReading reading = source.fetch(url("/index.json"));

        assertThat(reading.index().packs()).containsOnlyKeys("echo");
        assertThat(reading.index().origin()).isEqualTo(url("/index.json").toString());
        assertThat(reading.url()).isEqualTo(url("/index.json").toString());
        assertThat(reading.fetchedAt()).isEqualTo(START);
        assertThat(reading.fromCache()).isFalse();
        assertThat(reading.notice()).isNull();
        server.verify(1, getRequestedFor(urlEqualTo("/index.json"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("rig/0.1.0")));
        String key = sha256(url("/index.json").toString());
        assertThat(cache.resolve(key + ".json")).hasContent(index("echo"));
        assertThat(Files.readString(cache.resolve(key + ".meta.json")))
                .contains("\"url\":\"" + url("/index.json") + "\"", "\"fetched_at\":\"2026-11-22T10:00:00Z\"");
    }

    @Test
    void withinTheTtlTheCacheAnswersWithoutARequest() {
        serve("/index.json", index("echo"));
        source.fetch(url("/index.json"));
        serve("/index.json", index("echo", "fs"));
        clock.advance(Duration.ofHours(23).plusMinutes(59));

        IndexReading reading = source.fetch(url("/index.json"));

        server.verify(1, getRequestedFor(urlEqualTo("/index.json")));
        assertThat(reading.fromCache()).isTrue();
        assertThat(reading.notice()).isNull();
        assertThat(reading.fetchedAt()).isEqualTo(START);
        assertThat(reading.index().packs()).containsOnlyKeys("echo");
    }

    @Test
    void anExpiredCopyIsFetchedAgainAndReplaced() {
        serve("/index.json", index("echo"));
        source.fetch(url("/index.json"));
        serve("/index.json", index("echo", "fs"));
        clock.advance(Duration.ofHours(24));

        IndexReading refreshed = source.fetch(url("/index.json"));
        clock.advance(Duration.ofHours(1));
        IndexReading cached = source.fetch(url("/index.json"));

        server.verify(2, getRequestedFor(urlEqualTo("/index.json")));
        assertThat(refreshed.fromCache()).isFalse();
        assertThat(refreshed.fetchedAt()).isEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(refreshed.index().packs()).containsOnlyKeys("echo", "fs");
        assertThat(cached.fromCache()).isTrue();
        assertThat(cached.index().packs()).containsOnlyKeys("echo", "fs");
    }

    @Test
    void whenTheServerIsDownTheStaleCopyIsServedWithItsAge() {
        serve("/index.json", index("echo"));
        URI url = url("/index.json");
        source.fetch(url);
        server.stop();
        clock.advance(Duration.ofDays(3).plusHours(2));

        IndexReading reading = source.fetch(url);

        assertThat(reading.fromCache()).isTrue();
        assertThat(reading.fetchedAt()).isEqualTo(START);
        assertThat(reading.index().packs()).containsOnlyKeys("echo");
        assertThat(reading.notice()).isEqualTo("index " + url + " unreachable (connection refused);"
                + " using the copy cached 3 days ago (2026-11-22T10:00:00Z)");
    }

    @Test
    void whenTheServerAnswersAnErrorTheStaleCopyIsServed() {
        serve("/index.json", index("echo"));
        source.fetch(url("/index.json"));
        answer("/index.json", 503);
        clock.advance(Duration.ofHours(30));

        IndexReading reading = source.fetch(url("/index.json"));

        server.verify(2, getRequestedFor(urlEqualTo("/index.json")));
        assertThat(reading.index().packs()).containsOnlyKeys("echo");
        assertThat(reading.notice()).isEqualTo("index " + url("/index.json") + " unreachable (HTTP 503);"
                + " using the copy cached 1 day ago (2026-11-22T10:00:00Z)");
    }

    @Test
    void withoutACopyAnUnreachableIndexIsATransientError() {
        URI url = url("/index.json");
        server.stop();

        RigException error = catchThrowableOfType(RigException.class, () -> source.fetch(url));

        assertThat(error.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(error.getMessage()).isEqualTo("cannot fetch index " + url + ": connection refused");
        assertThat(error.hints()).anySatisfy(hint -> assertThat(hint).contains("--index-url"));
    }

    @Test
    void withoutACopyAnErrorAnswerIsATransientError() {
        answer("/index.json", 404);

        RigException error = catchThrowableOfType(RigException.class, () -> source.fetch(url("/index.json")));

        assertThat(error.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(error.getMessage()).isEqualTo("cannot fetch index " + url("/index.json") + ": HTTP 404");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnreachable() {
        server.stubFor(get(urlEqualTo("/slow.json")).willReturn(okJson(index("echo")).withFixedDelay(2_000)));
        IndexSource impatient = new IndexSource(cache, IndexSource.DEFAULT_TTL, clock, "0.1.0", Duration.ofMillis(200));

        RigException error = catchThrowableOfType(RigException.class, () -> impatient.fetch(url("/slow.json")));

        assertThat(error.type()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(error.getMessage()).endsWith(": no answer within 200 ms");
    }

    @Test
    void aMalformedBodyIsAnErrorAndKeepsThePreviousCopy() throws Exception {
        URI url = url("/index.json");
        serve("/index.json", index("echo"));
        source.fetch(url);
        Path body = cache.resolve(sha256(url.toString()) + ".json");
        Path meta = cache.resolve(sha256(url.toString()) + ".meta.json");
        String metaBefore = Files.readString(meta);
        serve("/index.json", "{\"api_version\": 1, \"packs\": {");
        clock.advance(Duration.ofHours(25));

        RigException error = catchThrowableOfType(RigException.class, () -> source.fetch(url));

        assertThat(error.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(error.getMessage()).startsWith("index " + url + " is not valid JSON: ");
        assertThat(error.hints()).contains("the copy cached 1 day ago (2026-11-22T10:00:00Z) was kept");
        assertThat(body).hasContent(index("echo"));
        assertThat(meta).hasContent(metaBefore);

        answer("/index.json", 500);
        IndexReading next = source.fetch(url);
        assertThat(next.fromCache()).isTrue();
        assertThat(next.index().packs()).containsOnlyKeys("echo");
        assertThat(cache).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anInvalidIndexFromTheServerDoesNotReplaceTheCopy() {
        URI url = url("/index.json");
        serve("/index.json", index("echo"));
        source.fetch(url);
        serve("/index.json", "{\"api_version\": 1, \"packs\": {\"stripe\": {\"java\": {\"groupId\": \"dev.rig\"}}}}");
        clock.advance(Duration.ofHours(25));

        RigException error = catchThrowableOfType(RigException.class, () -> source.fetch(url));
        answer("/index.json", 502);
        IndexReading next = source.fetch(url);

        assertThat(error.getMessage()).startsWith("index " + url + ": packs.stripe.java.artifactId is missing");
        assertThat(next.index().packs()).containsOnlyKeys("echo");
    }

    @Test
    void twoUrlsNeverShareACacheEntry() throws Exception {
        serve("/a/index.json", index("echo"));
        serve("/b/index.json", index("fs"));

        source.fetch(url("/a/index.json"));
        source.fetch(url("/b/index.json"));
        clock.advance(Duration.ofHours(1));
        IndexReading a = source.fetch(url("/a/index.json"));
        IndexReading b = source.fetch(url("/b/index.json"));

        server.verify(1, getRequestedFor(urlEqualTo("/a/index.json")));
        server.verify(1, getRequestedFor(urlEqualTo("/b/index.json")));
        assertThat(a.fromCache()).isTrue();
        assertThat(a.index().packs()).containsOnlyKeys("echo");
        assertThat(b.fromCache()).isTrue();
        assertThat(b.index().packs()).containsOnlyKeys("fs");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    sha256(url("/a/index.json").toString()) + ".json",
                    sha256(url("/a/index.json").toString()) + ".meta.json",
                    sha256(url("/b/index.json").toString()) + ".json",
                    sha256(url("/b/index.json").toString()) + ".meta.json");
        }
    }

    @Test
    void aKnownEtagIsSentAndNotModifiedRenewsTheCopy() {
        server.stubFor(get(urlEqualTo("/index.json")).willReturn(okJson(index("echo")).withHeader("ETag", "\"v1\"")));
        source.fetch(url("/index.json"));
        server.stubFor(get(urlEqualTo("/index.json")).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        clock.advance(Duration.ofHours(25));

        IndexReading renewed = source.fetch(url("/index.json"));
        clock.advance(Duration.ofHours(23));
        IndexReading cached = source.fetch(url("/index.json"));

        server.verify(2, getRequestedFor(urlEqualTo("/index.json")));
        server.verify(1, getRequestedFor(urlEqualTo("/index.json")).withHeader("If-None-Match", equalTo("\"v1\"")));
        assertThat(renewed.fromCache()).isTrue();
        assertThat(renewed.notice()).isNull();
        assertThat(renewed.fetchedAt()).isEqualTo(START.plus(Duration.ofHours(25)));
        assertThat(renewed.index().packs()).containsOnlyKeys("echo");
        assertThat(cached.fetchedAt()).isEqualTo(renewed.fetchedAt());
    }

    @Test
    void redirectsAreFollowedAndCachedUnderTheRequestedUrl() throws Exception {
        server.stubFor(get(urlEqualTo("/old.json"))
                .willReturn(aResponse().withStatus(301).withHeader("Location", server.baseUrl() + "/new.json")));
        serve("/new.json", index("slack"));

        IndexReading reading = source.fetch(url("/old.json"));

        assertThat(reading.index().packs()).containsOnlyKeys("slack");
        assertThat(cache.resolve(sha256(url("/old.json").toString()) + ".json")).exists();
    }

    @Test
    void aDamagedCachedCopyIsFetchedAgain() throws Exception {
        serve("/index.json", index("echo"));
        source.fetch(url("/index.json"));
        Files.writeString(cache.resolve(sha256(url("/index.json").toString()) + ".json"), "{damaged");
        serve("/index.json", index("fs"));

        IndexReading reading = source.fetch(url("/index.json"));

        assertThat(reading.fromCache()).isFalse();
        assertThat(reading.index().packs()).containsOnlyKeys("fs");
    }

    @Test
    void unsupportedSchemesAreRejected() {
        RigException error = catchThrowableOfType(RigException.class,
                () -> source.fetch(URI.create("ftp://example.test/index.json")));

        assertThat(error.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(error.getMessage()).isEqualTo("index URL ftp://example.test/index.json has an unsupported scheme 'ftp'");
    }
}
