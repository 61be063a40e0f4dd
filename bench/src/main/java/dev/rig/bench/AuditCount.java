package dev.rig.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Prints the number of rows in {@code <dir>/.rig/audit.db}'s audit log (used by load.sh as a sanity check). */
public final class AuditCount {

    private AuditCount() {}

    public static void main(String[] args) throws SQLException {
        Path db = Path.of(args[0]).resolve(".rig/audit.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM audit_events")) {
            rs.next();
            System.out.println(rs.getLong(1));
        }
    }
}
