package dev.rig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rig.core.Gateway;
import dev.rig.core.audit.ChainVerification;
import dev.rig.core.config.RigConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Durable before the answer leaves": every call the gateway acknowledged survives a {@code kill -9}.
 *
 * <p>Starts {@link RigServerMain} as a separate JVM (same java, same class path) on a fresh directory,
 * drives echo calls from 16 client threads over HTTP/1.1 and records the correlation id of every call
 * answered 200 with {@code ok=true}; after the load period it kills the server with SIGKILL
 * ({@link Process#destroyForcibly()}) while the clients are still sending. Then it reads
 * {@code .rig/audit.db} with JDBC and checks that every acknowledged id is an {@code audit_events.run_id},
 * and opens a gateway on the same directory to verify the hash chain. Exit code 0 only when nothing is
 * missing and the chain is intact.
 *
 * <p>Run: {@code bench/kill9.sh}, or
 * {@code java -cp bench/target/benchmarks.jar dev.rig.bench.AuditDurability [clients [loadSeconds]]}.
 */
public final class AuditDurability {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BODY = "{\"args\":{\"message\":\"durable\"}}";

    private AuditDurability() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        long loadMillis = (long) (args.length > 1 ? Double.parseDouble(args[1]) * 1000 : 5000);
        Path dir = Files.createTempDirectory("rig-kill9-");

        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                RigServerMain.class.getName(), "0", dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on port ")) {
            server.destroyForcibly();
            throw new IllegalStateException("server did not start: " + line);
        }
        int port = Integer.parseInt(line.split(" ")[3]);
        System.out.println("server pid " + server.pid() + " on 127.0.0.1:" + port + ", state in " + dir);

        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/tools/echo:call");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong failedBeforeKill = new AtomicLong();
        AtomicLong failedAfterKill = new AtomicLong();
        AtomicLong notOk = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(clients);
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                try {
                    while (true) {
                        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            JsonNode body = MAPPER.readTree(response.body());
                            if (response.statusCode() == 200 && body.path("ok").asBoolean()) {
                                acknowledged.add(body.path("correlation_id").asText());
                            } else {
                                notOk.incrementAndGet();
                            }
                        } catch (IOException e) {
                            if (System.nanoTime() < killedAt.get()) {
                                failedBeforeKill.incrementAndGet();
                            } else {
                                failedAfterKill.incrementAndGet();
                                return; // the server is gone: this client is done
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    stopped.countDown();
                }
            }));
        }
        Thread.sleep(loadMillis);
        int ackedAtKill = acknowledged.size();
        killedAt.set(System.nanoTime());
        server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        server.waitFor();
        System.out.println("kill -9 after " + loadMillis + " ms with " + clients + " clients in flight; exit code "
                + server.exitValue() + " (137 = SIGKILL)");
        if (!stopped.await(30, TimeUnit.SECONDS)) {
            threads.forEach(Thread::interrupt);
        }
        Set<String> acked = new HashSet<>(acknowledged);

        Path db = dir.resolve(".rig/audit.db");
        Set<String> present = new HashSet<>();
        long rows;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            rows = count(connection);
            try (PreparedStatement select = connection.prepareStatement("SELECT run_id FROM audit_events");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        long missing = acked.stream().filter(id -> !present.contains(id)).count();
        System.out.printf("acknowledged %d, present %d, missing %d%n", acked.size(), acked.size() - missing, missing);
        System.out.printf("(audit rows %d: committed calls whose answer was cut by the kill are extra rows;"
                        + " acked at kill %d; non-ok answers %d; transport errors before kill %d, after kill %d)%n",
                rows, ackedAtKill, notOk.get(), failedBeforeKill.get(), failedAfterKill.get());

        ChainVerification chain;
        try (Gateway gateway = Gateway.open(RigConfig.defaults(dir))) {
            chain = gateway.verifyAudit();
        }
        System.out.println("hash chain: " + (chain.intact() ? "intact" : "BROKEN") + ", " + chain.checked()
                + " rows checked" + (chain.intact() ? "" : ", problems " + chain.problems()));
        boolean pass = missing == 0 && chain.intact() && !acked.isEmpty() && failedBeforeKill.get() == 0
                && notOk.get() == 0;
        System.out.println(pass ? "PASS" : "FAIL (state kept in " + dir + ")");
        if (pass) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(pass ? 0 : 1);
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM audit_events");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
