package dev.rig.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import dev.rig.core.Gateway;
import dev.rig.core.api.CallRequest;
import dev.rig.core.api.ToolResult;
import dev.rig.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the pack layer adds to a vendor call: {@code stripe.customers.create} through RIG (the whole
 * pipeline: validation, secrets, the stripe pack building its client per call, output check, audit in
 * SQLite with the default durability) against calling stripe-java directly, both against the same
 * local Stripe stub (WireMock, in this JVM) in the same run. One caller; SampleTime in µs.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PackLayerBenchmark} (≈ 2 min). The figure is
 * the difference of the p50s ({@code rig} − {@code sdk}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PackLayerBenchmark {

    private static final String KEY = "sk_test_bench";
    private static final String CUSTOMER = """
            {"id": "cus_NffrFeUfNV2Hib", "object": "customer", "email": "jenny.rosen@example.com",
             "name": "Jenny Rosen", "created": 1680893993, "livemode": false, "metadata": {}}""";

    private WireMockServer stub;
    private Path workspace;
    private Gateway gateway;
    private StripeClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        stub = new WireMockServer(options().dynamicPort().disableRequestJournal().containerThreads(16));
        stub.start();
        stub.stubFor(post(urlEqualTo("/v1/customers")).willReturn(okJson(CUSTOMER)));
        workspace = Files.createTempDirectory("rig-pack-layer");
        Files.writeString(workspace.resolve("rig.yaml"), """
                packs:
                  stripe: {base_url: "%s"}
                audit_db_path: .rig/audit.db
                """.formatted(stub.baseUrl()));
        gateway = Gateway.open(ConfigLoader.load(workspace), InstantSource.system(), Duration.ofMillis(200),
                Map.of("STRIPE_API_KEY", KEY));
        client = StripeClient.builder().setApiKey(KEY).setApiBase(stub.baseUrl()).setMaxNetworkRetries(0).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        gateway.close();
        stub.stop();
        TempDirs.delete(workspace);
    }

    /** stripe-java alone: one client (as an application would keep), a fresh idempotency key per call. */
    @Benchmark
    public Customer sdk() throws StripeException {
        return client.v1().customers().create(CustomerCreateParams.builder().setEmail("jenny.rosen@example.com")
                .setName("Jenny Rosen").build(), RequestOptions.builder().setIdempotencyKey(UUID.randomUUID().toString())
                .build());
    }

    /** The same request as a RIG call. */
    @Benchmark
    public ToolResult rig() {
        ToolResult result = gateway.call(CallRequest.of("stripe.customers.create",
                Map.of("email", "jenny.rosen@example.com", "name", "Jenny Rosen")));
        if (!result.ok()) {
            throw new IllegalStateException("the RIG call failed: " + result.error());
        }
        return result;
    }
}
