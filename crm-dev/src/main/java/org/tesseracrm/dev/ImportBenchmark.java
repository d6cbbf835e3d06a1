package org.tesseracrm.dev;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./crm bench import [rows]}: a contact import of a running {@code ./crm up} at scale, side by side with
 * {@code psql \copy} of the same file. Default 1,000,000 rows; every fifth row (20 %) is a duplicate, by e-mail, of a
 * contact inserted beforehand (in SQL), so the import updates 200,000 contacts and creates 800,000.
 * <ol>
 * <li>The file (first name, last name, e-mail, phone, title) is written to the temp directory.</li>
 * <li>Baseline: {@code psql \copy} of the file into a copy of the contact table ({@code CREATE TABLE … (LIKE contact
 * INCLUDING ALL)}: the same columns, defaults, generated search column and indexes), as the schemas' owner, timed
 * by the wall clock around psql; the copy is dropped afterwards.</li>
 * <li>The import: {@code POST /api/v1/imports/contacts} with the file, {@code POST …/start}, then
 * {@code GET /api/v1/imports/{id}} until it completed; timed from the upload's first byte to completion.</li>
 * </ol>
 * Prints both times, the import's throughput against the copy's (target ≥ 0.25×) and its total (target ≤ 3 min),
 * and checks the counts: created, updated, refused, and the contacts the database holds afterwards.
 * <p>
 * Then the duplicate check of one new contact among all of them ({@code POST /api/v1/duplicates/check}), p50 and p95
 * of 200 checks each (target ≤ 50 ms p95): a new person (name, e-mail and phone nobody has), one whose phone an
 * imported contact has (written differently), and one whose name is a typo of an imported contact's (a letter of
 * the last name left out).
 */
public final class ImportBenchmark {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final BenchTarget target = BenchTarget.fromSystemProperties();
    private final String schema = target.schema();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--checks-only")) {
            // the duplicate checks alone, among the contacts of earlier runs
            new ImportBenchmark().duplicateChecks(1_000_000);
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        new ImportBenchmark().run(rows);
    }

    private void run(int rows) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        int duplicates = rows / 5;
        Path file = Files.createTempFile("tessera-bench-import-", ".csv");
        try {
            write(file, rows, run);
            System.out.printf(Locale.ROOT, "File: %,d rows, %.1f MB (%s); %,d of them (every fifth) duplicates of"
                    + " existing contacts%n", rows, Files.size(file) / 1e6, file, duplicates);
            try (Connection db = DriverManager.getConnection(SequenceDrainBenchmark.databaseUrl(), "crm_app",
                    SequenceDrainBenchmark.secrets().getProperty("crm.db.password"))) {
                db.setAutoCommit(true);
                seed(db, run, duplicates);
                double copy = psqlCopy(file);
                System.out.printf(Locale.ROOT, "psql \\copy into a copy of the contact table: %.1f s (%,.0f rows/s)%n",
                        copy, rows / copy);
                double imported = importFile(file);
                System.out.printf(Locale.ROOT, "Import through the API (upload, staging, job): %.1f s (%,.0f rows/s)"
                        + " (target: ≤ 180 s)%n", imported, rows / imported);
                System.out.printf(Locale.ROOT, "Import throughput : psql \\copy throughput = %.2f× (target: ≥ 0.25×)%n",
                        copy / imported);
                try (Statement s = db.createStatement();
                        ResultSet r = s.executeQuery("SELECT count(*),"
                                + " count(*) FILTER (WHERE title = 'Buyer, EMEA' AND phone LIKE '+49 30 %') FROM "
                                + schema
                                + ".contact WHERE"
                                + " email LIKE 'imp-" + run + "-%' AND deleted_at IS NULL")) {
                    r.next();
                    System.out.printf(Locale.ROOT, "Database: %,d contacts of this run, %,d with the file's values"
                            + " (expected %,d and %,d)%n", r.getLong(1), r.getLong(2), rows, rows);
                }
                duplicateChecks(rows);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** First names of several languages: a name's first part, as common as in a real customer base. */
    private static final String[] FIRST_NAMES = ("James Mary John Patricia Robert Jennifer Michael Linda William"
            + " Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Anna Lukas Sofia Leon"
            + " Emma Noah Mia Elias Hannah Paul Lena Felix Marie Jonas Laura Maximilian Julia Ben Lea Luis Chloe"
            + " Lucas Camille Hugo Ines Louis Manon Gabriel Jade Arthur Giulia Marco Francesca Luca Chiara Matteo"
            + " Sara Alessandro Martina Andrea Yuki Haruto Sakura Ren Aoi Wei Li Ming Fang Jun Priya Arjun Ananya"
            + " Rohan Diya Omar Fatima Ali Layla Youssef Olga Ivan Natalia Dmitri Elena Pedro Lucia Diego Carmen"
            + " Javier Nina Erik Ingrid Lars Astrid Piotr Zofia Jan Agnieszka Tomasz").split(" ");
    /** Parts of last names: two or three of them make about 250,000 different last names, a long tail. */
    private static final String[] NAME_PARTS = ("an ber cal dor el fer gar hol is jan kel lin mar nor ost pel quin"
            + " ros sten tor ul ven wal xen yor zan berg mann son sen ski ova ez ini elli ton ley ford wood field"
            + " stein haus dahl gren lund vik nak mura shi ta chen wang kov enko escu oglu poulos akis ides ian")
            .split(" ");

    /** Row i's person: a first name and a last name of two or three parts, from a fixed hash of i. */
    static String[] person(int i) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(i * 0x9E3779B97F4A7C15L);
        StringBuilder last = new StringBuilder();
        int parts = random.nextInt(3) == 0 ? 3 : 2;
        for (int p = 0; p < parts; p++) {
            last.append(NAME_PARTS[random.nextInt(NAME_PARTS.length)]);
        }
        last.setCharAt(0, Character.toUpperCase(last.charAt(0)));
        return new String[]{FIRST_NAMES[random.nextInt(FIRST_NAMES.length)], last.toString()};
    }

    /**
     * Row i: a contact of this run, with a person's name drawn as above (names repeat and resemble each other as in
     * a real list; a file of one name with a counter would make every name alike); every fifth row has the address
     * of existing contact i / 5.
     */
    private static void write(Path file, int rows, String run) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("First Name,Last Name,Email,Phone,Title\n");
            for (int i = 0; i < rows; i++) {
                String email = i % 5 == 0
                        ? "imp-" + run + "-d" + (i / 5) + "@bench.example"
                        : "imp-" + run + "-" + i + "@bench.example";
                String[] person = person(i);
                out.write(person[0] + "," + person[1] + "," + email + ",+49 30 " + (1_000_000 + i)
                        + ",\"Buyer, EMEA\"\n");
            }
        }
    }

    /** The contacts the file's duplicate rows match, inserted in SQL. */
    private void seed(Connection db, String run, int duplicates) throws Exception {
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO " + schema + ".contact (id, first_name, last_name, email, created_by) SELECT"
                    + " gen_random_uuid(), 'Old', 'Existing ' || g, 'imp-" + run + "-d' || g || '@bench.example',"
                    + " 'bench-import' FROM generate_series(0, " + (duplicates - 1) + ") g");
            s.execute("ANALYZE " + schema + ".contact");
        }
        System.out.printf(Locale.ROOT, "Data: %,d existing contacts inserted in %.1f s%n", duplicates,
                (System.nanoTime() - started) / 1e9);
    }

    /** Seconds for psql to \copy the file into a fresh copy of the contact table. */
    private double psqlCopy(Path file) throws Exception {
        String table = schema + ".bench_import_copy";
        psql("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (LIKE " + schema
                + ".contact INCLUDING ALL); ALTER TABLE " + table + " ALTER created_by SET DEFAULT 'bench';");
        long started = System.nanoTime();
        psql("\\copy " + table + " (first_name, last_name, email, phone, title) FROM '" + file
                + "' WITH (FORMAT csv, HEADER true)");
        double seconds = (System.nanoTime() - started) / 1e9;
        psql("DROP TABLE " + table);
        return seconds;
    }

    private static void psql(String command) throws Exception {
        String psql = Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/psql"))
                ? "/usr/lib/postgresql/15/bin/psql"
                : "psql";
        ProcessBuilder builder = new ProcessBuilder(psql, "-v", "ON_ERROR_STOP=1", "-q", "-h", "localhost", "-p",
                System.getProperty("crm.pg.port", "15432"), "-U", System.getProperty("crm.control.db.user",
                        "crm_owner"),
                "-d", "crm", "-c", command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", SequenceDrainBenchmark.secrets().getProperty(
                "crm.control.db.password"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("psql " + command + ": " + output);
        }
    }

    /** Seconds from the upload's first byte until the import completed. */
    private double importFile(Path file) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> uploaded = target.http().send(HttpRequest.newBuilder(URI.create(target.base()
                + "/api/v1/imports/contacts?fileName=bench.csv")).timeout(Duration.ofMinutes(10))
                .header("Host", target.host()).header("Authorization", "Bearer " + target.tokens().token())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 201) {
            throw new IOException("upload: HTTP " + uploaded.statusCode() + " " + uploaded.body());
        }
        Matcher id = ID.matcher(uploaded.body());
        if (!id.find()) {
            throw new IOException("upload: no id in " + uploaded.body());
        }
        String importId = id.group(1);
        double upload = (System.nanoTime() - started) / 1e9;
        target.call("POST", "/api/v1/imports/" + importId + "/start", "{\"duplicates\": \"update\"}", 202);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        String state;
        while (true) {
            state = target.call("GET", "/api/v1/imports/" + importId, "", 200);
            Matcher status = STATUS.matcher(state);
            status.find();
            if (status.group(1).equals("completed")) {
                break;
            }
            if (status.group(1).equals("failed") || System.nanoTime() > deadline) {
                throw new IOException("import " + importId + " " + status.group(1) + ": " + state);
            }
            Thread.sleep(250);
        }
        double total = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Import %s: upload and staging %.1f s, job %.1f s; %s%n", importId, upload,
                total - upload, counts(state));
        return total;
    }

    /** The duplicate check of one new contact among the tenant's live contacts, with three kinds of probe. */
    private void duplicateChecks(int rows) throws Exception {
        try (Connection db = DriverManager.getConnection(SequenceDrainBenchmark.databaseUrl(), "crm_app",
                SequenceDrainBenchmark.secrets().getProperty("crm.db.password"))) {
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema
                            + ".contact WHERE deleted_at IS NULL")) {
                r.next();
                System.out.printf(Locale.ROOT, "Duplicate check of one new contact among %,d live contacts"
                        + " (target: ≤ 50 ms p95):%n", r.getLong(1));
            }
            java.util.Random random = new java.util.Random(7);
            checks("a new person", i -> "{\"firstName\": \"Kelsey\", \"lastName\": \"Vandermolen"
                    + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "\", \"email\": \"kv" + i
                    + "@new.example\", \"phone\": \"+1 646 555 " + (1000 + i) + "\"}");
            checks("an imported contact's phone", i -> "{\"lastName\": \"Caller\", \"phone\": \"0049 30 "
                    + (1_000_000 + random.nextInt(rows)) + "\"}");
            checks("an imported contact's name, misspelt", i -> {
                // one letter of the last name dropped: "Sofia Yorgren" is looked for as "Sofia Yorgen"
                String[] person = person(random.nextInt(rows));
                int dropped = 1 + random.nextInt(person[1].length() - 1);
                String misspelt = person[1].substring(0, dropped) + person[1].substring(dropped + 1);
                return "{\"firstName\": \"" + person[0] + "\", \"lastName\": \"" + misspelt + "\"}";
            });
        }
    }

    /** p50 and p95 of 200 checks (after 20 to warm up). */
    private void checks(String what, java.util.function.IntFunction<String> probe) throws Exception {
        for (int i = 0; i < 20; i++) {
            target.call("POST", "/api/v1/duplicates/check", probe.apply(i), 200);
        }
        long[] millis = new long[200];
        int found = 0;
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            String answer = target.call("POST", "/api/v1/duplicates/check", probe.apply(100 + i), 200);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
            found += answer.contains("\"id\"") ? 1 : 0;
        }
        java.util.Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "  %-40s p50 %3d ms, p95 %3d ms (%d of %d checks found a candidate)%n", what,
                millis[millis.length / 2], millis[(int) (millis.length * 0.95) - 1], found, millis.length);
    }

    private static String counts(String state) {
        StringBuilder counts = new StringBuilder();
        for (String name : new String[]{"rowsRead", "rowsCreated", "rowsUpdated", "rowsSkipped", "rowsRefused"}) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(state);
            counts.append(name).append('=').append(m.find() ? m.group(1) : "?").append(' ');
        }
        return counts.toString().strip();
    }
}
