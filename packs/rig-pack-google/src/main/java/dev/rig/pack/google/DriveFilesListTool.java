package dev.rig.pack.google;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import dev.rig.spi.RiskClass;
import dev.rig.spi.Tool;
import dev.rig.spi.ToolCall;
import dev.rig.spi.ToolDef;
import dev.rig.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code google.drive.files.list}: lists or searches the files the service account can see (GET /drive/v3/files). */
final class DriveFilesListTool implements Tool {

    /** Only what the output needs: smaller answers, and the documented practice for files.list. */
    static final String FIELDS = "nextPageToken,files(id,name,mimeType)";

    private static final ToolDef DEFINITION = ToolDef.builder("google.drive.files.list")
            .description("Lists the Google Drive files the service account of GOOGLE_CREDENTIALS_JSON can see"
                    + " (its own and those shared with it), optionally filtered by a Drive search query. Pass"
                    + " next_page_token back as page_token for more.")
            .risk(RiskClass.READ)
            .authSlots(ServiceAccounts.SLOT)
            .tags("google", "drive")
            .inputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "query": {"type": "string", "maxLength": 2000,
                          "description": "Drive search query, e.g. name contains 'report' and trashed = false."},
                        "page_size": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20},
                        "page_token": {"type": "string", "minLength": 1, "maxLength": 2000,
                          "description": "next_page_token of the previous page."},
                        "include_shared_drives": {"type": "boolean", "default": false,
                          "description": "Also search shared drives the service account belongs to."}
                      },
                      "additionalProperties": false
                    }""")
            .outputSchema("""
                    {
                      "type": "object",
                      "properties": {
                        "files": {"type": "array", "items": {"type": "object",
                          "properties": {
                            "id": {"type": "string"},
                            "name": {"type": ["string", "null"]},
                            "mime_type": {"type": ["string", "null"]}},
                          "required": ["id", "name", "mime_type"],
                          "additionalProperties": false}},
                        "next_page_token": {"type": ["string", "null"], "description": "Null on the last page."}
                      },
                      "required": ["files", "next_page_token"],
                      "additionalProperties": false
                    }""")
            .example("spreadsheets", "The spreadsheets shared with the service account.", """
                    {"query": "mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false", "page_size": 10}""",
                    """
                    {"files": [{"id": "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", "name": "Class Data",
                                "mime_type": "application/vnd.google-apps.spreadsheet"}],
                     "next_page_token": null}""")
            .example("in-folder", "Everything in one folder, shared drives included.", """
                    {"query": "'0BwwA4oUTeiV1TGRPeTVjaWRDY1E' in parents", "include_shared_drives": true}""", null)
            .build();

    private final GoogleClients google;

    DriveFilesListTool(GoogleClients google) {
        this.google = google;
    }

    @Override
    public ToolDef definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> invoke(ToolCall call) throws ToolException, InterruptedException {
        String query = Args.optional(call, "query", null);
        int pageSize = Args.integer(call, "page_size", 20, 1, 1000);
        String pageToken = Args.optional(call, "page_token", null);
        boolean sharedDrives = Args.bool(call, "include_shared_drives", false);
        FileList answer = google.drive(call, drive -> {
            Drive.Files.List request = drive.files().list()
                    .setPageSize(pageSize)
                    .setFields(FIELDS);
            if (query != null && !query.isBlank()) {
                request.setQ(query);
            }
            if (pageToken != null) {
                request.setPageToken(pageToken);
            }
            if (sharedDrives) {
                request.setCorpora("allDrives").setIncludeItemsFromAllDrives(true).setSupportsAllDrives(true);
            }
            return request.execute();
        });
        List<Map<String, Object>> files = new ArrayList<>();
        if (answer.getFiles() != null) {
            for (File file : answer.getFiles()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", file.getId());
                entry.put("name", file.getName());
                entry.put("mime_type", file.getMimeType());
                files.add(entry);
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("files", files);
        output.put("next_page_token", answer.getNextPageToken());
        return output;
    }
}
