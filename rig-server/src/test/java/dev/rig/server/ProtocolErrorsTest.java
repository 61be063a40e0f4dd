package dev.rig.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests Jetty refuses before routing, sent byte for byte, still answer RGP JSON. */
class ProtocolErrorsTest {

    @TempDir
    Path dir;

    TestGateway rig;

    @BeforeEach
    void start() {
        rig = TestGateway.start(dir, null);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /v1/%zz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n | 400",
        "POST /v1/tools/echo:call HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: abc\\r\\nConnection: close\\r\\n\\r\\n | 400",
        "GET /v1/health HTTP/1.1\\r\\nHost: x\\r\\nX-Big: {big}\\r\\nConnection: close\\r\\n\\r\\n | 431",
    })
    void aRefusalBeforeRoutingIsJson(String request, int status) throws IOException {
        String raw = request.replace("\\r\\n", "\r\n").replace("{big}", "a".repeat(20_000));

        String response = exchange(raw);

        assertThat(response).startsWith("HTTP/1.1 " + status);
        assertThat(response).containsIgnoringCase("Content-Type: application/json")
                .containsIgnoringCase(RgpHeaders.CORRELATION_ID + ":")
                .contains("{\"error\":{\"type\":\"validation_error\"")
                .doesNotContain("<html").doesNotContain("Exception");
    }

    private String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", rig.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
