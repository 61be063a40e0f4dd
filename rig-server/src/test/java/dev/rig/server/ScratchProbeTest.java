package dev.rig.server;

import java.io.*;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchProbeTest {
    @TempDir Path dir;

    @Test
    void probe() throws Exception {
        try (TestGateway rig = TestGateway.start(dir, null)) {
            String[] requests = {
                "GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/tools/fs.read_file%3Acall HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /v1/tools/echo%3Acall HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "GET /v1/tools/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20000) + "\r\nConnection: close\r\n\r\n",
                "OPTIONS /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "HEAD /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /v1/tools/echo:call HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n{\"a\":",
                "POST /v1/tools/echo:call HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
                "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-RIG-Tenant-ID: \r\nConnection: close\r\n\r\n",
            };
            for (String r : requests) {
                try (Socket s = new Socket("127.0.0.1", rig.server.port())) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(r.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    String text = new String(s.getInputStream().readNBytes(3000), StandardCharsets.ISO_8859_1);
                    System.err.println("=== " + r.substring(0, Math.min(60, r.indexOf('\r'))) + "\n" + text);
                } catch (IOException e) {
                    System.err.println("=== " + r.substring(0, 40) + " -> " + e);
                }
            }
        }
    }
}
