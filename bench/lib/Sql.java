import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs one SQL query over JDBC and prints its rows, one a line, columns separated by tabs: the same
 * client for the embedded H2 file database (which psql cannot open) and PostgreSQL.
 *
 *   java -cp h2.jar:postgresql.jar bench/lib/Sql.java URL USER "select …"
 */
public class Sql {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], "");
             Statement s = c.createStatement()) {
            if (!s.execute(args[2])) {
                return;
            }
            try (ResultSet rs = s.getResultSet()) {
                int columns = rs.getMetaData().getColumnCount();
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        if (i > 1) {
                            out.append('\t');
                        }
                        out.append(rs.getString(i));
                    }
                    out.append('\n');
                }
                System.out.print(out);
            }
        }
    }
}
