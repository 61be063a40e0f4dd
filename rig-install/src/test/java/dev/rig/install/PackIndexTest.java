package dev.rig.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rig.core.api.RigException;
import dev.rig.spi.ErrorType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackIndexTest {

    private static final String INDEX = """
            {"api_version": 1, "generated_at": "2026-11-20T00:00:00Z", "signature": {"future": true},
             "packs": {
               "stripe": {"display_name": "Stripe", "description": "Payments.", "homepage": "https://docs.stripe.com/api",
                          "tags": ["payments"], "python": {"package": "rig-pack-stripe", "min_rig": "0.1.0"},
                          "java": {"groupId": "dev.rig", "artifactId": "rig-pack-stripe", "version": "1.2.0",
                                   "min_rig": "0.3.0", "classifier_to_come": "x"}},
               "echo": {"display_name": "Echo", "description": "Echoes.", "tags": [],
                        "java": {"groupId": "dev.rig", "artifactId": "rig-pack-echo", "version": "0.1.0"}},
               "notion": {"display_name": "Notion", "description": "Pages.", "node": {"package": "@rig/pack-notion"}}
             }}
            """;

    @Test
    void parsesEntriesSortedByIdIgnoringUnknownFields() {
        PackIndex index = PackIndex.parse(INDEX, "test.json");

        assertThat(index.origin()).isEqualTo("test.json");
        assertThat(index.apiVersion()).isEqualTo(1);
        assertThat(index.generatedAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(index.packs().keySet()).containsExactly("echo", "notion", "stripe");
        IndexEntry stripe = index.entry("stripe").orElseThrow();
        assertThat(stripe).isEqualTo(new IndexEntry("stripe", "Stripe", "Payments.", "https://docs.stripe.com/api",
                List.of("payments"), new JavaPackage("dev.rig", "rig-pack-stripe", "1.2.0", "0.3.0")));
        assertThat(stripe.java().coordinates()).isEqualTo("dev.rig:rig-pack-stripe:1.2.0");
        assertThat(index.entry("echo").orElseThrow().java().minRig()).isNull();
        assertThat(index.entry("missing")).isEmpty();
    }

    @Test
    void entryWithoutJavaIsListedButNotInstallable() {
        IndexEntry notion = PackIndex.parse(INDEX, "test.json").entry("notion").orElseThrow();

        assertThat(notion.installable()).isFalse();
        assertThat(notion.homepage()).isNull();
        assertThat(notion.tags()).isEmpty();
        RigException error = catchThrowableOfType(RigException.class, () -> notion.requireRig("0.1.0"));
        assertThat(error.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(error.getMessage()).isEqualTo(
                "pack notion is listed in the index but has no Java package, so this RIG cannot install it");
    }

    @Test
    void anEntryMayNameItsNpmPackage() {
        IndexEntry notion = PackIndex.parse(INDEX, "test.json").entry("notion").orElseThrow();

        assertThat(notion.node()).isEqualTo(new NodePackage("@rig/pack-notion", null, null));
        assertThat(notion.requireNode("0.1.0").spec()).isEqualTo("@rig/pack-notion");
        assertThat(PackIndex.parse(INDEX, "test.json").entry("stripe").orElseThrow().node()).isNull();
        IndexEntry pinned = PackIndex.parse("""
                {"api_version": 1, "packs": {"gh": {"node": {"package": "@rig/pack-github", "version": "0.2.0",
                 "min_rig": "9.0.0"}}}}
                """, "o").entry("gh").orElseThrow();
        assertThat(pinned.node().spec()).isEqualTo("@rig/pack-github@0.2.0");
        assertThat(catchThrowableOfType(RigException.class, () -> pinned.requireNode("0.1.0")))
                .hasMessage("npm pack gh (@rig/pack-github@0.2.0) needs RIG 9.0.0 or newer; this is RIG 0.1.0");
        assertThat(catchThrowableOfType(RigException.class, () -> PackIndex.parse(INDEX, "test.json").entry("stripe")
                .orElseThrow().requireNode("0.1.0")).type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThatThrownBy(() -> PackIndex.parse("""
                {"api_version": 1, "packs": {"gh": {"node": {"package": "Not A Name"}}}}
                """, "o")).hasMessageContaining("packs.gh.node.package \"Not A Name\" is not an npm package name");
    }

    @Test
    void missingOptionalFieldsGetDefaults() {
        PackIndex index = PackIndex.parse("""
                {"api_version": 1, "packs": {"x": {"java": {"groupId": "g", "artifactId": "a", "version": "1"}}}}
                """, "o");

        assertThat(index.generatedAt()).isNull();
        IndexEntry x = index.entry("x").orElseThrow();
        assertThat(x.displayName()).isEqualTo("x");
        assertThat(x.description()).isEmpty();
        assertThat(x.tags()).isEmpty();
    }

    @Test
    void requireNamesTheIndexWhenThePackIsNotListed() {
        PackIndex index = PackIndex.parse(INDEX, "https://example.test/index.json");

        assertThat(index.require("stripe").id()).isEqualTo("stripe");
        assertThatThrownBy(() -> index.require("strpe"))
                .isInstanceOfSatisfying(RigException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND))
                .hasMessage("pack strpe is not in index https://example.test/index.json");
    }

    @Test
    void malformedJsonSaysWhatAndWhere() {
        RigException error = catchThrowableOfType(RigException.class,
                () -> PackIndex.parse("{\"api_version\": 1,\n  \"packs\": {,}}", "broken.json"));

        assertThat(error.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(error.getMessage())
                .startsWith("index broken.json is not valid JSON: Unexpected character (',' ")
                .endsWith(" at line 2 column 13");
    }

    @Test
    void duplicatePackIdsAreRejected() {
        assertThatThrownBy(() -> PackIndex.parse("""
                {"api_version": 1, "packs": {"a": {}, "a": {}}}""", "dup.json"))
                .hasMessageStartingWith("index dup.json is not valid JSON: Duplicate field 'a'");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `[]` | index bad.json must be a JSON object with api_version and packs
            `{"packs": {}}` | index bad.json: api_version is missing or not an integer; set it to 1
            `{"api_version": "1", "packs": {}}` | index bad.json: api_version is missing or not an integer; set it to 1
            `{"api_version": 2, "packs": {}}` | index bad.json: api_version 2 is not supported; this RIG reads api_version 1
            `{"api_version": 1}` | index bad.json: packs is missing or not an object
            `{"api_version": 1, "generated_at": "yesterday", "packs": {}}` | index bad.json: generated_at is not an ISO-8601 instant
            `{"api_version": 1, "packs": {"Stripe": {}}}` | index bad.json: pack id "Stripe" in packs is not valid
            `{"api_version": 1, "packs": {"-x": {}}}` | index bad.json: pack id "-x" in packs is not valid
            `{"api_version": 1, "packs": {"stripe": []}}` | index bad.json: packs.stripe is not an object
            `{"api_version": 1, "packs": {"stripe": {"display_name": 3}}}` | index bad.json: packs.stripe.display_name is not a string
            `{"api_version": 1, "packs": {"stripe": {"tags": "payments"}}}` | index bad.json: packs.stripe.tags is not an array
            `{"api_version": 1, "packs": {"stripe": {"tags": ["a", 1]}}}` | index bad.json: packs.stripe.tags[1] is not a string
            `{"api_version": 1, "packs": {"stripe": {"java": "dev.rig:rig-pack-stripe:1.0"}}}` | index bad.json: packs.stripe.java is not an object
            `{"api_version": 1, "packs": {"stripe": {"java": {"artifactId": "a", "version": "1"}}}}` | index bad.json: packs.stripe.java.groupId is missing; add it as a string
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g", "version": "1"}}}}` | index bad.json: packs.stripe.java.artifactId is missing; add it as a string
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g", "artifactId": "a"}}}}` | index bad.json: packs.stripe.java.version is missing; add it as a string
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g", "artifactId": "a", "version": " "}}}}` | index bad.json: packs.stripe.java.version is empty
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g", "artifactId": "a", "version": "[1.0,2.0)"}}}}` | index bad.json: packs.stripe.java.version "[1.0,2.0)" is not valid; give a Maven version such as "0.1.0"
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g h", "artifactId": "a", "version": "1"}}}}` | index bad.json: packs.stripe.java.groupId "g h" is not valid
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g", "artifactId": "a", "version": "1", "min_rig": "soon"}}}}` | index bad.json: packs.stripe.java.min_rig "soon" is not a version; give the oldest RIG release
            `{"api_version": 1, "packs": {"stripe": {"java": {"groupId": "g", "artifactId": "a", "version": "1", "min_rig": 3}}}}` | index bad.json: packs.stripe.java.min_rig is not a string
            """)
    void invalidIndexesNameTheOriginAndThePath(String json, String message) {
        RigException error = catchThrowableOfType(RigException.class, () -> PackIndex.parse(json, "bad.json"));

        assertThat(error).as("no error for %s", json).isNotNull();
        assertThat(error.type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        assertThat(error.getMessage()).startsWith(message);
        assertThat(error.hints()).isNotEmpty();
    }

    @Test
    void bundledIndexListsTwelveJavaPacks() {
        PackIndex bundled = PackIndex.bundled();

        assertThat(bundled.origin()).isEqualTo("classpath:/dev/rig/install/default-index.json");
        assertThat(bundled.generatedAt()).isNotNull();
        assertThat(bundled.packs().keySet()).containsExactly("airtable", "echo", "elevenlabs", "fs", "github",
                "google", "notion", "sendgrid", "slack", "stripe", "supabase", "twilio");
        assertThat(bundled.packs().values()).allSatisfy(entry -> {
            assertThat(entry.installable()).isTrue();
            assertThat(entry.java().coordinates()).isEqualTo("dev.rig:rig-pack-" + entry.id() + ":0.1.0");
            assertThat(entry.java().minRig()).isEqualTo("0.1.0");
            assertThat(entry.description()).isNotBlank();
            assertThat(entry.tags()).isNotEmpty();
        });
        assertThat(bundled.packs().values()).filteredOn(e -> !List.of("echo", "fs").contains(e.id()))
                .allSatisfy(entry -> assertThat(entry.homepage()).startsWith("https://"));
    }
}
