package dev.rig.pack.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rig.spi.Pack;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The pack itself: discovery, settings, definitions, and an interrupt while audio streams in. */
class ElevenLabsPackTest {

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Pack.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(ElevenLabsPack.class);
        assertThat(new ElevenLabsPack().id()).isEqualTo("elevenlabs");
    }

    @Test
    void definesAReadAndAWriteToolWithTheOriginalsNamesAndSlot() {
        Map<String, Tool> tools = ElevenLabs.tools(Map.of());
        assertThat(tools).containsOnlyKeys("elevenlabs.voices.list", "elevenlabs.textToSpeech.create");
        assertThat(tools.get("elevenlabs.voices.list").definition().riskClass()).isEqualTo(RiskClass.READ);
        assertThat(tools.get("elevenlabs.textToSpeech.create").definition().riskClass()).isEqualTo(RiskClass.WRITE);
        assertThat(tools.values()).allSatisfy(tool -> {
            assertThat(tool.definition().authSlots()).containsExactly("ELEVENLABS_API_KEY");
            assertThat(tool.definition().idempotent()).isFalse();
            assertThat(tool.definition().inputSchema()).contains("\"additionalProperties\": false");
        });
        assertThat(tools.get("elevenlabs.textToSpeech.create").definition().description()).contains("10485760 bytes");
    }

    @Test
    void badSettingsStopThePackNamingTheKey() {
        assertThatThrownBy(() -> ElevenLabs.tools(Map.of("max_audio_bytes", "ten megabytes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max_audio_bytes:");
        assertThatThrownBy(() -> ElevenLabs.tools(Map.of("max_audio_bytes", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max_audio_bytes:");
        assertThatThrownBy(() -> ElevenLabs.tools(Map.of("base_url", "api.elevenlabs.io")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base_url:");
    }

    @Test
    void anInterruptWhileTheAudioStreamsInEndsTheCall() throws Exception {
        // A server that sends the headers and the first audio bytes, then holds the rest back.
        CountDownLatch streaming = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            body.write(new byte[1024]);
            body.flush();
            streaming.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            Tool tts = ElevenLabs.tools(Map.of("base_url", "http://127.0.0.1:" + server.getAddress().getPort()))
                    .get("elevenlabs.textToSpeech.create");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    tts.invoke(ElevenLabs.call("elevenlabs.textToSpeech.create",
                            Map.of("voice_id", ElevenLabs.RACHEL, "text", "A long story")));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();

            caller.interrupt();   // what RIG does when the deadline passes or the caller cancels

            assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void anInterruptSurfacingAsIoWhileReadingIsAnInterruptNotANetworkError() {
        // The JDK client's body stream answers an interrupt with an IOException caused by it, flag set.
        InputStream interrupted = new InputStream() {
            @Override
            public int read() throws IOException {
                Thread.currentThread().interrupt();
                throw new IOException(new InterruptedException());
            }
        };
        ElevenLabsApi api = new ElevenLabsApi(null, URI.create("http://127.0.0.1"));
        try {
            assertThatThrownBy(() -> api.read(ElevenLabs.call("elevenlabs.voices.list", Map.of()), interrupted, 100))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
