package dev.rig.pack.notion;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.List;

/** The {@code notion} pack: pages, database queries and search through the Notion REST API. */
public final class NotionPack implements Pack {

    private HttpClient http;

    @Override
    public String id() {
        return "notion";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Notion: create and update pages, query databases, search the workspace (token in NOTION_TOKEN).";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} or {@code notion_version} is invalid
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        NotionApi api = new NotionApi(httpClient(), NotionSettings.from(environment), InstantSource.system());
        return List.of(new CreatePageTool(api), new UpdatePageTool(api), new QueryDatabaseTool(api),
                new SearchTool(api));
    }

    /** One client per pack instance, made on first use: it holds connections, never a credential. */
    private synchronized HttpClient httpClient() {
        if (http == null) {
            http = NotionApi.newHttpClient();
        }
        return http;
    }
}
