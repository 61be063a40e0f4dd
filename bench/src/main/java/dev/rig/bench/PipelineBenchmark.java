package dev.rig.bench;

import dev.rig.core.api.CallRequest;
import dev.rig.core.Gateway;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.AuditDurability;
import dev.rig.core.config.DatabaseSettings;
import dev.rig.core.config.RigConfig;
import dev.rig.spi.CallContext;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process cost of one {@code echo} call through the whole gateway pipeline, against a direct call
 * of the tool.
 *
 * <p><b>Workload.</b> {@code mode=pipeline}: {@code gateway.call(CallRequest.of("echo", {"message":"hi"}))}
 * on a gateway opened with the embedded defaults in a fresh temp directory, so every call runs resolve,
 * allow, validate, approve, secrets, invoke (with its deadline), check-output and audit, and returns
 * only once its audit row is committed to SQLite (WAL, group commit; {@code synchronous=NORMAL} for
 * the default {@code audit_durability: crash}, {@code FULL} with {@code mode=pipeline-power-loss}). {@code mode=direct} (the baseline): {@code EchoTool.invoke(toolCall)} on the same tool
 * instance, taken from {@code gateway.snapshot().tool("echo")}, with a prepared {@code ToolCall}. The
 * difference between the two is the gateway's overhead. {@code mode=pipeline-memdb} is a diagnostic:
 * the same pipeline with the audit log in an in-memory SQLite database, i.e. the gateway's CPU cost
 * without the disk.
 *
 * <p>Measured as {@link Mode#SampleTime} in microseconds (JMH prints p50, p90, p99, p99.9 ...), with
 * 1, 8 and 64 caller threads: one caller waits for one commit per call; many callers share each group
 * commit, so the per-call latency is then the batch's commit time plus queueing on 2 cores.
 *
 * <p><b>Run it</b> (from the repository root):
 * <pre>
 * ./mvnw -q -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar PipelineBenchmark
 * # one case, with a stack profile:  java -jar bench/target/benchmarks.jar 'PipelineBenchmark.oneThread' -p mode=pipeline -prof stack
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class PipelineBenchmark {

    /**
     * {@code pipeline}: the gateway on its embedded defaults, audit on (SQLite file,
     * {@code audit_durability: crash}); {@code pipeline-power-loss}: the same with
     * {@code audit_durability: power_loss} (an fsync per group commit); {@code direct}: the tool's own
     * invoke(), the baseline; {@code pipeline-memdb}: the audit log in an in-memory SQLite database
     * (every stage and the group-commit hand-off, no disk), which splits CPU cost from disk cost.
     */
    @Param({"pipeline", "pipeline-power-loss", "direct", "pipeline-memdb"})
    public String mode;

    private Path directory;
    private Gateway gateway;
    private Tool echo;
    private CallRequest request;
    private ToolCall directCall;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("rig-bench-");
        RigConfig config = RigConfig.defaults(directory);
        if ("pipeline-memdb".equals(mode)) {
            config = withDatabase(config, new DatabaseSettings("jdbc:sqlite::memory:", null, null));
        } else if ("pipeline-power-loss".equals(mode)) {
            config = withDatabase(config, config.database().withDurability(AuditDurability.POWER_LOSS));
        }
        gateway = Gateway.open(config);
        echo = gateway.snapshot().tool("echo").orElseThrow(() -> new IllegalStateException(
                "the echo pack was not found on the class path (META-INF/services not merged?)")).tool();
        request = CallRequest.of("echo", Map.of("message", "hi"));
        directCall = new ToolCall("echo", Map.of("message", "hi"), new CallContext(CallContext.DEFAULT_TENANT,
                "bench", "anonymous"), "bench", "bench", Secrets.none(), Instant.MAX, 1);
        ToolResult first = gateway.call(request);
        if (!first.ok()) {
            throw new IllegalStateException("echo through the gateway failed: " + first.error());
        }
    }

    private static RigConfig withDatabase(RigConfig config, DatabaseSettings database) {
        return new RigConfig(config.workingDirectory(), null, config.packSetVersion(), null, config.server(),
                config.policy(), config.approvalTtl(), database, config.secretsFile(), config.packsDirectory(),
                config.mcp(), null, null, null, null);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        gateway.close();
        TempDirs.delete(directory);
    }

    @Benchmark
    @Threads(1)
    public Object oneThread() throws Exception {
        return once();
    }

    @Benchmark
    @Threads(8)
    public Object eightThreads() throws Exception {
        return once();
    }

    @Benchmark
    @Threads(64)
    public Object sixtyFourThreads() throws Exception {
        return once();
    }

    private Object once() throws Exception {
        if ("direct".equals(mode)) {
            return echo.invoke(directCall);
        }
        ToolResult result = gateway.call(request);
        if (!result.ok()) {
            throw new IllegalStateException("echo failed: " + result.error());
        }
        return result;
    }
}
