package org.tesseracrm.dev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Path;

/**
 * {@code ./crm bench export [contacts]}: a list export of a running {@code ./crm up} at scale (default 1,000,000
 * contacts in tenant acme, inserted once in SQL and tagged {@code bench-export}; a second run reuses them). The
 * contacts are created one every 30 seconds in the order they are stored, as records that come in over time are
 * (the list's default order, newest first, then reads the table in its physical order; with creation times
 * scattered over the table, every page of 200 reads about 200 table pages).
 * {@code GET /api/v1/contacts/export?tags=bench-export} is read to the end as a stream; prints the time, rows and
 * bytes, and the server's heap: live heap after a full GC before the export, at each quarter of the rows and after
 * it (jcmd on the Payara Micro process), so the growth printed is what the export keeps, not garbage waiting for
 * the collector.
 */
public final class ExportBenchmark {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final BenchTarget target = BenchTarget.fromSystemProperties();
    private final String schema = target.schema();

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        new ExportBenchmark().run(contacts);
    }

    private void run(int contacts) throws Exception {
        long pid = payaraPid();
        try (Connection db = DriverManager.getConnection(SequenceDrainBenchmark.databaseUrl(), "crm_app",
                SequenceDrainBenchmark.secrets().getProperty("crm.db.password"))) {
            db.setAutoCommit(true);
            seed(db, contacts);
        }
        long baseline = liveHeapKb(pid);
        List<Long> during = new ArrayList<>();
        long started = System.nanoTime();
        HttpResponse<java.io.InputStream> response = target.http().send(HttpRequest.newBuilder(URI.create(target
                .base() + "/api/v1/contacts/export?tags=bench-export")).timeout(Duration.ofMinutes(10)).header(
                        "Host", target.host())
                .header("Authorization", "Bearer " + target.tokens().token()).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("export: HTTP " + response.statusCode());
        }
        long rows = -1; // the header line
        long bytes = 0;
        long nextProbe = contacts / 4;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8),
                1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                rows++;
                bytes += line.length() + 2;
                if (rows == nextProbe && during.size() < 3) {
                    during.add(liveHeapKb(pid)); // the stream waits meanwhile: the server holds its page
                    nextProbe += contacts / 4;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = liveHeapKb(pid);
        long peak = during.stream().mapToLong(Long::longValue).max().orElse(baseline);
        System.out.printf(Locale.ROOT, "Export of %,d contacts: %.1f s (%,.0f rows/s), %,d rows, %.1f MB (target:"
                + " ≤ 60 s)%n", contacts, seconds, rows / seconds, rows, bytes / 1e6);
        System.out.printf(Locale.ROOT, "Payara heap after a full GC: before %,d MB, during %s MB, after %,d MB;"
                + " growth %,d MB (target: ≤ 256 MB)%n", baseline / 1024,
                during.stream().map(kb -> String.valueOf(
                        kb / 1024)).toList(),
                after / 1024, Math.max(0, peak - baseline) / 1024);
    }

    private void seed(Connection db, int contacts) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema
                        + ".contact WHERE created_by = 'bench-export' AND deleted_at IS NULL")) {
            r.next();
            if (r.getLong(1) == contacts) {
                System.out.printf(Locale.ROOT, "Data: %,d bench contacts present, reused%n", contacts);
                return;
            }
        }
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM " + schema + ".contact WHERE created_by = 'bench-export'");
            s.execute("INSERT INTO " + schema + ".contact (id, first_name, last_name, email, phone, title, owner, tags,"
                    + " custom_fields, last_contact_at, created_by, created_at) SELECT gen_random_uuid(), 'Export',"
                    + " 'Contact ' || g, 'bench-export-' || g || '@example.com', '+49 30 ' || g, 'Buyer', (ARRAY["
                    + "'acme-admin', 'acme-rep', 'acme-manager'])[1 + g % 3], ARRAY['bench-export', 'bexp-' || (g %"
                    + " 10)], '{}', now() - (g % 90) * interval '1 day', 'bench-export', now() - (" + contacts
                    + " - g) * interval '30 seconds' FROM generate_series(1, " + contacts + ") g");
            s.execute("ANALYZE " + schema + ".contact");
        }
        System.out.printf(Locale.ROOT, "Data: %,d contacts inserted in %.1f s%n", contacts, (System.nanoTime()
                - started) / 1e9);
    }

    /** The server's heap in use right after a full collection, in KB. */
    private static long liveHeapKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IOException("jcmd GC.heap_info printed no heap figure");
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + ": " + output);
        }
        return output;
    }

    /** The Payara Micro process of {@code ./crm up} (the one running crm-web). */
    private static long payaraPid() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .filter(p -> p.info().commandLine().orElse("").contains("crm-web")).map(ProcessHandle::pid)
                .findFirst().orElseThrow(() -> new IllegalStateException("no Payara Micro running crm-web: start"
                        + " ./crm up first"));
    }
}
