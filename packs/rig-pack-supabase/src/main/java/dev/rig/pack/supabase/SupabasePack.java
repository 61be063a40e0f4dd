package dev.rig.pack.supabase;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * The {@code supabase} pack: rows of a Supabase project's tables through PostgREST, and Auth users
 * through the GoTrue admin API, over the JDK HTTP client (Supabase has no official Java SDK).
 *
 * <p>Settings ({@code packs.supabase} in rig.yaml): {@code base_url}, the project URL for every
 * tenant, which then replaces the {@code SUPABASE_URL} secret (the tools declare only
 * {@code SUPABASE_SERVICE_ROLE_KEY}).
 */
public final class SupabasePack implements Pack {

    private HttpClient http;

    @Override
    public String id() {
        return "supabase";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "Selects, inserts and updates rows of Supabase tables (structured filters; an update of every"
                + " row needs all_rows: true and is destructive, so it waits for approval) and creates Auth users.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code base_url} is not an http(s) URL
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        String setting = environment.setting("base_url", null);
        URI baseUrl = null;
        if (setting != null && !setting.isBlank()) {
            try {
                baseUrl = SupabaseApi.projectUrl(setting.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base_url: expected the project URL, such as"
                        + " https://<project-ref>.supabase.co, got " + setting, e);
            }
        }
        SupabaseApi api = new SupabaseApi(http(), baseUrl);
        return List.of(
                new TableSelectTool(api),
                new TableInsertTool(api),
                new TableUpdateTool(api),
                new AuthCreateUserTool(api));
    }

    /** One client for the pack's lifetime, made on first use: it holds no credential. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }
}
