package dev.rig.mcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rig.core.Gateway;
import dev.rig.core.config.ConfigLoader;
import dev.rig.server.RgpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * {@code src/test/node/package-lock.json}, run with Node 22) against RIG's streamable HTTP
 * endpoint, on the default configuration (so the test-only conformance pack's fixture tools are
 * served).
 *
 * <p>The whole active server suite runs once (a few seconds). The scenarios in {@link #REQUIRED}
 * must pass every check; every other scenario must pass unless {@code conformance-baseline.yml}
 * lists it as expected to fail, and a listed scenario that passes fails the test too, so that the
 * list is kept true. Results stay in {@code target/conformance-results} (one {@code checks.json}
 * per scenario).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConformanceSuiteTest {

    static final List<String> REQUIRED = List.of("server-initialize", "ping", "logging-set-level", "tools-list",
            "tools-call-simple-text", "tools-call-error", "tools-call-image", "tools-call-audio",
            "tools-call-with-progress", "tools-call-with-logging", "dns-rebinding-protection",
            "server-sse-multiple-streams");

    private static final String BASELINE = "conformance-baseline.yml";
    private static final Duration SUITE_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern RESULT_DIR = Pattern.compile(
            "server-(.+)-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z");
    private static final Pattern RUNNING = Pattern.compile("=== Running scenario: (\\S+) ===");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void rigPassesTheRequiredScenariosAndFailsNoOtherScenarioThanTheBaselineLists() throws IOException {
        NodeTools node = NodeTools.installed();
        Path results = node.dir().resolveSibling("conformance-results");
        deleteTree(results);
        Files.createDirectories(dir.resolve("workspace"));

        NodeTools.Run run;
        try (Gateway gateway = Gateway.open(ConfigLoader.load(dir));
             RgpServer server = RgpServer.start(gateway, gateway.config().server().withHostAndPort("127.0.0.1", 0))) {
            run = node.run(SUITE_TIMEOUT, Map.of(), "node_modules/@modelcontextprotocol/conformance/dist/index.js",
                    "server", "--url", server.baseUrl() + "/mcp", "--suite", "active", "--expected-failures",
                    BASELINE, "-o", results.toString());
        }
        Map<String, List<JsonNode>> checks = checks(run, results);
        Set<String> baseline = baseline(node.dir().resolve(BASELINE));
        System.err.printf("conformance suite: %d scenarios in %d ms%n%s%n", checks.size(), run.took().toMillis(),
                summary(checks, baseline));

        assertThat(baseline).as("a required scenario cannot be an expected failure in " + BASELINE)
                .doesNotContainAnyElementsOf(REQUIRED);
        List<String> problems = new ArrayList<>();
        for (String scenario : REQUIRED) {
            if (!checks.containsKey(scenario)) {
                problems.add(scenario + " (required): not run by the suite");
            } else {
                failures(checks.get(scenario)).forEach(check -> problems.add(scenario + " (required): " + check));
            }
        }
        for (Map.Entry<String, List<JsonNode>> scenario : checks.entrySet()) {
            List<String> failed = failures(scenario.getValue());
            if (REQUIRED.contains(scenario.getKey())) {
                continue;
            }
            if (!failed.isEmpty() && !baseline.contains(scenario.getKey())) {
                failed.forEach(check -> problems.add(scenario.getKey() + " (not in " + BASELINE + "): " + check));
            } else if (failed.isEmpty() && baseline.contains(scenario.getKey())) {
                problems.add(scenario.getKey() + ": passes now; remove it from " + BASELINE);
            }
        }
        baseline.stream().filter(scenario -> !checks.containsKey(scenario)).forEach(scenario -> problems.add(
                scenario + ": listed in " + BASELINE + " but no longer in the active suite; remove it"));

        assertThat(problems).withFailMessage(() -> "MCP conformance problems:\n  " + String.join("\n  ", problems)
                + "\n(checks.json of each scenario in " + results + ")\nthe suite: " + run.describe()).isEmpty();
        assertThat(run.exitCode()).as("the suite's own baseline check agrees\n%s", run.describe()).isZero();
    }

    /** The checks of each scenario the suite ran, in run order; a scenario that crashed has none. */
    private static Map<String, List<JsonNode>> checks(NodeTools.Run run, Path results) throws IOException {
        Map<String, List<JsonNode>> checks = new LinkedHashMap<>();
        Matcher running = RUNNING.matcher(run.stdout());
        while (running.find()) {
            checks.put(running.group(1), List.of());
        }
        assertThat(checks).as("the suite ran no scenario\n%s", run.describe()).isNotEmpty();
        if (!Files.isDirectory(results)) {
            return checks;
        }
        try (Stream<Path> dirs = Files.list(results)) {
            for (Path scenarioDir : dirs.toList()) {
                Matcher name = RESULT_DIR.matcher(scenarioDir.getFileName().toString());
                Path file = scenarioDir.resolve("checks.json");
                if (name.matches() && Files.exists(file)) {
                    List<JsonNode> list = new ArrayList<>();
                    JSON.readTree(file.toFile()).forEach(list::add);
                    checks.put(name.group(1), list);
                }
            }
        }
        return checks;
    }

    /** One line per failed check (or warning: the suite fails a scenario on either). */
    private static List<String> failures(List<JsonNode> checks) {
        if (checks.isEmpty()) {
            return List.of("no checks.json: the scenario crashed (see the suite's output)");
        }
        return checks.stream().filter(check -> Set.of("FAILURE", "WARNING").contains(check.path("status").asText()))
                .map(check -> check.path("status").asText() + " " + check.path("id").asText() + ": "
                        + check.path("errorMessage").asText(check.path("description").asText()))
                .toList();
    }

    private static Set<String> baseline(Path file) throws IOException {
        Set<String> scenarios = new LinkedHashSet<>();
        new YAMLMapper().readTree(file.toFile()).path("server").forEach(name -> scenarios.add(name.asText()));
        return scenarios;
    }

    private static String summary(Map<String, List<JsonNode>> checks, Set<String> baseline) {
        StringBuilder text = new StringBuilder();
        checks.forEach((scenario, list) -> text.append(String.format("  %-32s %-4s %s%n", scenario,
                failures(list).isEmpty() ? "pass" : "FAIL",
                REQUIRED.contains(scenario) ? "required" : baseline.contains(scenario) ? "expected to fail" : "")));
        return text.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
