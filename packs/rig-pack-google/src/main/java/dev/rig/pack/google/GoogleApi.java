package dev.rig.pack.google;

import com.google.api.services.drive.DriveScopes;
import com.google.api.services.gmail.GmailScopes;
import com.google.api.services.sheets.v4.SheetsScopes;

/** The Google APIs the pack calls: the name used in messages and the one OAuth scope each needs. */
enum GoogleApi {
    SHEETS("Google Sheets", SheetsScopes.SPREADSHEETS),
    DRIVE("Google Drive", DriveScopes.DRIVE_READONLY),
    GMAIL("Gmail", GmailScopes.GMAIL_SEND);

    private final String label;
    private final String scope;

    GoogleApi(String label, String scope) {
        this.label = label;
        this.scope = scope;
    }

    String label() {
        return label;
    }

    String scope() {
        return scope;
    }
}
