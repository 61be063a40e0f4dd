package dev.rig.pack.notion;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rig.spi.CallContext;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Secrets;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A WireMock stand-in for api.notion.com and the notion pack pointed at it, its tools callable by
 * name with a test token.
 */
final class FakeNotion implements AutoCloseable {

    static final String TOKEN = "ntn_test_token_123";
    static final String PAGE_ID = "59833787-2cf9-4fdf-8782-e53db20768a5";
    static final String PARENT_ID = "b55c9c91-384d-452b-81db-d1ef79372b75";
    static final String DATABASE_ID = "d9824bdc-8445-4327-be8b-5b47500af6ce";

    /** A page object as Notion answers it (2022-06-28), titled "Meeting notes". */
    static final String PAGE = """
            {"object": "page", "id": "59833787-2cf9-4fdf-8782-e53db20768a5",
             "created_time": "2024-03-01T19:05:00.000Z", "last_edited_time": "2024-03-01T19:05:00.000Z",
             "created_by": {"object": "user", "id": "ee5f0f84-409a-440f-983a-a5315961c6e4"},
             "last_edited_by": {"object": "user", "id": "ee5f0f84-409a-440f-983a-a5315961c6e4"},
             "cover": null, "icon": null,
             "parent": {"type": "page_id", "page_id": "b55c9c91-384d-452b-81db-d1ef79372b75"},
             "archived": false, "in_trash": false,
             "properties": {"title": {"id": "title", "type": "title", "title": [
               {"type": "text", "text": {"content": "Meeting notes", "link": null},
                "annotations": {"bold": false, "italic": false, "strikethrough": false, "underline": false,
                                "code": false, "color": "default"},
                "plain_text": "Meeting notes", "href": null}]}},
             "url": "https://www.notion.so/Meeting-notes-598337872cf94fdf8782e53db20768a5",
             "public_url": null}""";

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final Map<String, Tool> tools = new HashMap<>();

    /** Starts the stub, with the pack's base_url pointing at it. */
    FakeNotion() {
        server.start();
        reconfigure(Map.of());
    }

    /** Reloads the pack's tools with {@code settings}; base_url defaults to the stub. */
    void reconfigure(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("base_url", server.baseUrl());
        tools.clear();
        new NotionPack().tools(new PackEnvironment(all, Path.of(".")))
                .forEach(tool -> tools.put(tool.definition().name(), tool));
    }

    Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
        return tools.get(tool).invoke(call(tool, args, Secrets.of(Map.of("NOTION_TOKEN", TOKEN)),
                Instant.now().plusSeconds(30)));
    }

    static ToolCall call(String tool, Map<String, Object> args, Secrets secrets, Instant deadline) {
        return new ToolCall(tool, args, new CallContext("acme", "req-1", "tester"), "corr-1", "rig-corr-1",
                secrets, deadline, 1);
    }

    Tool tool(String name) {
        return tools.get(name);
    }

    /** Calls {@code tool} expecting it to fail, and returns the failure. */
    ToolException failure(String tool, Map<String, Object> args) {
        ToolException failure = catchThrowableOfType(ToolException.class, () -> call(tool, args));
        assertThat(failure).as("%s %s should fail", tool, args).isNotNull();
        return failure;
    }

    @Override
    public void close() {
        server.stop();
    }
}
