package dev.rig.pack.airtable;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.List;

/** The {@code airtable} pack: create, list, update and delete records through the Airtable Web API. */
public final class AirtablePack implements Pack {

    private HttpClient http;

    @Override
    public String id() {
        return "airtable";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Airtable: create, list, update and delete records in a table (personal access token in"
                + " AIRTABLE_API_KEY).";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} is invalid
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        AirtableApi api = new AirtableApi(httpClient(), AirtableSettings.from(environment), InstantSource.system());
        return List.of(new CreateRecordTool(api), new ListRecordsTool(api), new UpdateRecordTool(api),
                new DeleteRecordTool(api));
    }

    /** One client per pack instance, made on first use: it holds connections, never a credential. */
    private synchronized HttpClient httpClient() {
        if (http == null) {
            http = AirtableApi.newHttpClient();
        }
        return http;
    }
}
