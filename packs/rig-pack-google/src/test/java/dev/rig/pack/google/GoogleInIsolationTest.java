package dev.rig.pack.google;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rig.core.registry.LoadedPack;
import dev.rig.core.registry.PackLoader;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pack loaded as an installed pack is (PackLoader: its own class loader over its runtime jars,
 * seeing only the JDK and dev.rig.spi) still authenticates and calls Google: none of its libraries
 * leans on something only the test class path has (SLF4J, Jackson).
 */
class GoogleInIsolationTest {

    private static final FakeGoogle GOOGLE = new FakeGoogle();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        GOOGLE.close();
    }

    @Test
    void theInstalledPackReadsASheetAndSendsAMail() throws Exception {
        LoadedPack loaded = load();
        ClassLoader packLoader = loaded.classLoader();
        assertThat(loaded.pack().getClass().getClassLoader()).isSameAs(packLoader).isNotSameAs(GooglePack.class.getClassLoader());
        assertThatThrownBy(() -> Class.forName("org.slf4j.LoggerFactory", false, packLoader))
                .isInstanceOf(ClassNotFoundException.class);
        GOOGLE.server.stubFor(get(urlPathEqualTo("/v4/spreadsheets/sheet-123/values/A1")).willReturn(
                SheetsValuesGetToolTest.json("{\"range\": \"Sheet1!A1\", \"values\": [[\"ok\"]]}")));
        GOOGLE.server.stubFor(post(urlEqualTo("/gmail/v1/users/me/messages/send")).willReturn(
                SheetsValuesGetToolTest.json("{\"id\": \"m1\", \"threadId\": \"t1\", \"labelIds\": [\"SENT\"]}")));

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(packLoader);
        try {
            Map<String, Tool> tools = new java.util.HashMap<>();
            for (Tool tool : loaded.pack().tools(new PackEnvironment(Map.of("base_url", GOOGLE.baseUrl()), dir))) {
                tools.put(tool.definition().name(), tool);
            }
            assertThat(tools.get("google.sheets.values.get").invoke(GOOGLE.call("google.sheets.values.get",
                    Map.of("spreadsheet_id", "sheet-123", "range", "A1")))).containsEntry("values", List.of(List.of("ok")));
            assertThat(tools.get("google.gmail.messages.send").invoke(GOOGLE.call("google.gmail.messages.send",
                    Map.of("to", "ada@example.com", "subject", "Grüße", "body", "b")))).containsEntry("id", "m1");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static LoadedPack load() throws Exception {
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of("target", "classes").toAbsolutePath());
        String runtime = Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
        for (String jar : runtime.split(File.pathSeparator)) {
            if (!jar.isBlank()) {
                jars.add(Path.of(jar));
            }
        }
        PackLoader.Discovery discovery = new PackLoader(GoogleInIsolationTest.class.getClassLoader())
                .inspect(jars, "isolation-test");
        assertThat(discovery.problems()).isEmpty();
        assertThat(discovery.packs()).hasSize(1);
        return discovery.packs().get(0);
    }
}
