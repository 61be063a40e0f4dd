package dev.rig.pack.slack;

import dev.rig.testkit.PackContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The slack pack keeps the pack contract (testkit); the stub answers each example as Slack would. */
class SlackContractTest {

    private static final SlackApiStub slack = new SlackApiStub();

    @AfterAll
    static void stop() {
        slack.close();
    }

    @TestFactory
    Stream<DynamicTest> contract(@TempDir Path dir) {
        slack.answer("chat.postMessage", """
                {"ok": true, "channel": "C0123456789", "ts": "1716400000.000100",
                 "message": {"type": "message", "text": "Deploy 42 finished :white_check_mark:",
                             "ts": "1716400000.000100"}}""");
        slack.answer("chat.update", """
                {"ok": true, "channel": "C0123456789", "ts": "1716400000.000100",
                 "text": "Deploy 42 finished (took 3 min)"}""");
        slack.answer("conversations.list", """
                {"ok": true,
                 "channels": [{"id": "C0123456789", "name": "general", "is_channel": true, "is_private": false},
                              {"id": "C0987654321", "name": "deploys", "is_channel": true, "is_private": false}],
                 "response_metadata": {"next_cursor": "dGVhbTpDMDk4NzY1NDMyMQ=="}}""");
        slack.answer("users.lookupByEmail", """
                {"ok": true, "user": {"id": "U0123ABCDEF", "name": "ada", "real_name": "Ada Lovelace",
                                      "profile": {"real_name": "Ada Lovelace", "email": "ada@example.com"}}}""");
        return PackContract.of(new SlackPack())
                .settings(Map.of("base_url", slack.baseUrl()))
                .secrets(Map.of(SlackClient.TOKEN_SLOT, InstalledSlackPack.TOKEN))
                .workingDirectory(dir)
                .tests();
    }
}
