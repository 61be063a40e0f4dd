package dev.rig.pack.google;

import dev.rig.spi.Pack;
import dev.rig.spi.PackEnvironment;
import dev.rig.spi.Tool;
import java.util.List;

/** The {@code google} pack: Google Sheets values, Drive file listing and Gmail sending, as a service account. */
public final class GooglePack implements Pack {

    static final String VERSION = "0.1.0";

    @Override
    public String id() {
        return "google";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String description() {
        return "Reads and writes Google Sheets ranges, lists Google Drive files and sends Gmail, authenticated"
                + " as a service account (GOOGLE_CREDENTIALS_JSON) through Google's official Java client.";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a base URL or {@code impersonate} is invalid, or a setting unknown
     */
    @Override
    public List<Tool> tools(PackEnvironment environment) {
        GoogleClients google = new GoogleClients(GoogleSettings.from(environment));
        return List.of(
                new SheetsValuesGetTool(google),
                new SheetsValuesUpdateTool(google),
                new DriveFilesListTool(google),
                new GmailMessagesSendTool(google));
    }
}
