package org.tesseracrm.tenantconfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a demo or trial tenant starts with, so that every screen shows something real: accounts, contacts,
 * leads at several stages of follow-up, open deals across the default pipeline (one of them won), tasks that are
 * overdue, due today and later, and the calls, meetings, e-mails and notes behind them. Times are relative to the
 * moment of insertion, so My day and the pipeline's next-activity colours look the same whenever a tenant is made.
 * Every row is {@code created_by = 'sample-data'}; the owners are the given usernames, in turn.
 */
final class SampleData {

    static final String CREATED_BY = "sample-data";

    private static final String[][] ACCOUNTS = {{"Northwind Traders", "northwind.example"},
            {"Contoso Ltd", "contoso.example"}, {"Initech", "initech.example"},
            {"Fabrikam Inc", "fabrikam.example"}, {"Tailspin Toys", "tailspin.example"}};

    /** first name, last name, e-mail, title, account (index into ACCOUNTS) */
    private static final String[][] CONTACTS = {
            {"Nancy", "Davolio", "nancy@northwind.example", "Head of Purchasing", "0"},
            {"Andrew", "Fuller", "andrew@northwind.example", "VP Sales", "0"},
            {"Kim", "Abercrombie", "kim@contoso.example", "Operations Director", "1"},
            {"Peter", "Gibbons", "peter@initech.example", "Software Engineer", "2"},
            {"Bill", "Lumbergh", "bill@initech.example", "Division VP", "2"}};

    private static final String[][] MORE_CONTACTS = {{"Rajesh", "Patel", "rajesh@fabrikam.example", "CTO", "3"},
            {"Sofia", "Lindqvist", "sofia@tailspin.example", "Buyer", "4"},
            {"Marcus", "Okafor", "marcus@contoso.example", "IT Manager", "1"}};

    private final Connection connection;
    private final String schema;
    private final List<String> owners;
    private final Map<String, String> ids = new HashMap<>();

    private SampleData(Connection connection, String schema, List<String> owners) {
        this.connection = connection;
        this.schema = schema;
        this.owners = owners;
    }

    /**
     * Accounts and contacts only (no owners needed), in the caller's transaction. These five contacts are what a
     * tenant provisioned without people gets.
     */
    static void insertAccountsAndContacts(Connection connection, TenantSlug slug) throws SQLException {
        SampleData data = new SampleData(connection, slug.schemaName(), List.of());
        data.accounts();
        data.contacts(CONTACTS);
    }

    /** Everything, owned in turn by {@code owners} (usernames of the tenant), in the caller's transaction. */
    static void insertAll(Connection connection, TenantSlug slug, List<String> owners) throws SQLException {
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("sample deals, leads and tasks need at least one owner");
        }
        SampleData data = new SampleData(connection, slug.schemaName(), owners);
        data.accounts();
        data.contacts(CONTACTS);
        data.contacts(MORE_CONTACTS);
        data.leads();
        data.deals();
        data.tasks();
        data.activities();
    }

    /** Whether the tenant already has sample records (a second run would duplicate them). */
    static boolean present(Connection connection, TenantSlug slug) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM "
                        + slug.schemaName() + ".account WHERE created_by = '" + CREATED_BY + "')")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    private String owner(int index) {
        return owners.get(index % owners.size());
    }

    private void accounts() throws SQLException {
        for (String[] account : ACCOUNTS) {
            ids.put(account[0], insert("INSERT INTO " + schema + ".account (name, domain, owner, created_by)"
                    + " VALUES (?, ?, ?::text, 'sample-data') RETURNING id", account[0], account[1],
                    owners.isEmpty() ? null : owner(ids.size())));
        }
    }

    private void contacts(String[][] contacts) throws SQLException {
        int i = 0;
        for (String[] contact : contacts) {
            String account = ids.get(ACCOUNTS[Integer.parseInt(contact[4])][0]);
            ids.put(contact[0] + " " + contact[1], insert("INSERT INTO " + schema + ".contact (account_id, first_name,"
                    + " last_name, email, title, owner, created_by) VALUES (?::uuid, ?, ?, ?, ?, ?::text, 'sample-data')"
                    + " RETURNING id", account, contact[0], contact[1], contact[2], contact[3],
                    owners.isEmpty() ? null : owner(i++)));
        }
    }

    private void leads() throws SQLException {
        // first, last, company, source, priority, status, follow-up (interval from now, or null), value
        String[][] leads = {{"Grace", "Hopper", "Cobalt Systems", "web", "hot", "new", "-1 day", "24000"},
                {"Alan", "Turing", "Bletchley Analytics", "referral", "hot", "contacted", "0 hours", "56000"},
                {"Ada", "Lovelace", "Engine Works", "event", "warm", "replied", "2 days", "12000"},
                {"Linus", "Berg", "Fjord Freight", "cold-call", "warm", "new", null, "8000"},
                {"Mei", "Tanaka", "Sakura Retail", "web", "cold", "contacted", "7 days", "15000"},
                {"Omar", "Haddad", "Atlas Builders", "partner", "warm", "scheduled", "1 day", "30000"}};
        int i = 0;
        for (String[] lead : leads) {
            String email = lead[0].toLowerCase() + "@" + lead[2].toLowerCase().replaceAll("[^a-z]", "") + ".example";
            ids.put("lead " + lead[0], insert("INSERT INTO " + schema + ".lead (first_name, last_name, company,"
                    + " email, source, priority, status, owner, next_follow_up_at, estimated_value, currency,"
                    + " last_contact_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " now() + ?::interval, ?::numeric, 'EUR', CASE WHEN ?::text = 'new' THEN NULL"
                    + " ELSE now() - interval '3 days' END, 'sample-data', now() - ?::interval) RETURNING id",
                    lead[0], lead[1], lead[2], email, lead[3], lead[4], lead[5], owner(i), lead[6], lead[7], lead[5],
                    (12 - 2 * i) + " days"));
            i++;
        }
    }

    private void deals() throws SQLException {
        Map<String, String> stages = new HashMap<>();
        Map<String, Integer> probability = new HashMap<>();
        String pipeline;
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT p.id, st.id, st.name,"
                        + " st.probability FROM " + schema + ".pipeline p JOIN " + schema + ".pipeline_stage st"
                        + " ON st.pipeline_id = p.id WHERE p.is_default")) {
            pipeline = null;
            while (r.next()) {
                pipeline = r.getString(1);
                stages.put(r.getString(3), r.getString(2));
                probability.put(r.getString(3), r.getInt(4));
            }
        }
        if (pipeline == null) {
            return; // a tenant whose default pipeline was removed gets no sample deals
        }
        // name, account, contact, stage, value, currency, days in stage, tag, close in days
        String[][] deals = {{"Northwind ERP rollout", "Northwind Traders", "Nancy Davolio", "Negotiation", "84000",
                "EUR", "3", "enterprise", "14"},
                {"Contoso support renewal", "Contoso Ltd", "Kim Abercrombie", "Proposal", "18500", "EUR", "9",
                        "renewal", "21"},
                {"Initech TPS automation", "Initech", "Bill Lumbergh", "Qualified", "42000", "USD", "2", "upsell",
                        "45"},
                {"Fabrikam data platform", "Fabrikam Inc", "Rajesh Patel", "Lead", "120000", "USD", "1",
                        "enterprise", "90"},
                {"Tailspin holiday catalogue", "Tailspin Toys", "Sofia Lindqvist", "Proposal", "9600", "EUR", "25",
                        "seasonal", "10"},
                {"Contoso hardware refresh", "Contoso Ltd", "Marcus Okafor", "Lead", "27000", "EUR", "4", null,
                        "60"},
                {"Northwind analytics add-on", "Northwind Traders", "Andrew Fuller", "Qualified", "15000", "EUR", "6",
                        "upsell", "30"}};
        int i = 0;
        for (String[] deal : deals) {
            if (!stages.containsKey(deal[3])) {
                continue; // stages renamed by the tenant before the sample data came
            }
            ids.put("deal " + deal[0], insert("INSERT INTO " + schema + ".deal (name, account_id, contact_id, owner,"
                    + " value, currency, probability, pipeline_id, stage_id, tags, expected_close_date,"
                    + " stage_entered_at, created_at, created_by) VALUES (?, ?::uuid, ?::uuid, ?, ?::numeric, ?, ?,"
                    + " ?::uuid, ?::uuid, CASE WHEN ?::text IS NULL THEN '{}'::text[] ELSE ARRAY[?::text] END,"
                    + " current_date + ?::int, now() - ?::interval, now() - ?::interval, 'sample-data') RETURNING id",
                    deal[0], ids.get(deal[1]), ids.get(deal[2]), owner(i), deal[4], deal[5],
                    probability.get(deal[3]), pipeline, stages.get(deal[3]), deal[7], deal[7],
                    Integer.parseInt(deal[8]), deal[6] + " days", (Integer.parseInt(deal[6]) + 10) + " days"));
            i++;
        }
        if (stages.containsKey("Won")) {
            insert("INSERT INTO " + schema + ".deal (name, account_id, contact_id, owner, value, currency,"
                    + " probability, pipeline_id, stage_id, status, closed_at, stage_entered_at, created_at,"
                    + " created_by) VALUES ('Initech printer fleet', ?::uuid, ?::uuid, ?, 6400, 'USD', 100, ?::uuid,"
                    + " ?::uuid, 'won', now() - interval '5 days', now() - interval '5 days',"
                    + " now() - interval '40 days', 'sample-data') RETURNING id", ids.get("Initech"),
                    ids.get("Peter Gibbons"), owner(0), pipeline, stages.get("Won"));
        }
    }

    private void tasks() throws SQLException {
        // title, due (interval from now), priority, linked record key, kind of link
        String[][] tasks = {{"Send the revised ERP proposal", "-1 day", "high", "deal Northwind ERP rollout", "deal"},
                {"Call Kim about the renewal terms", "2 hours", "medium", "Kim Abercrombie", "contact"},
                {"Prepare the TPS demo", "1 day", "medium", "deal Initech TPS automation", "deal"},
                {"Follow up with Grace Hopper", "-2 days", "urgent", "lead Grace", "lead"},
                {"Book the catalogue review", "4 hours", "high", "deal Tailspin holiday catalogue", "deal"},
                {"Quarterly check-in with Contoso", "8 days", "low", "Contoso Ltd", "account"}};
        int i = 0;
        for (String[] task : tasks) {
            String column = switch (task[4]) {
                case "deal" -> "deal_id";
                case "contact" -> "contact_id";
                case "lead" -> "lead_id";
                default -> "account_id";
            };
            insert("INSERT INTO " + schema + ".task (title, due_at, priority, assignee, " + column
                    + ", created_at, created_by) VALUES (?, now() + ?::interval, ?, ?, ?::uuid,"
                    + " now() - interval '6 days', 'sample-data') RETURNING id", task[0], task[1], task[2],
                    owner(i), ids.get(task[3]));
            i++;
        }
    }

    private void activities() throws SQLException {
        // type, subject, body, outcome, minutes, ago, contact, account, deal
        String[][] activities = {{"CALL", "Discovery call", "Walked through their order process; 40 users.",
                "Connected", "25", "9 days", "Nancy Davolio", "Northwind Traders", "deal Northwind ERP rollout"},
                {"MEETING", "On-site workshop", "Mapped the warehouse flows with purchasing and IT.", null, "90",
                        "5 days", "Nancy Davolio", "Northwind Traders", "deal Northwind ERP rollout"},
                {"EMAIL", "Renewal quote", "Attached the renewal quote with the two-year option.", null, null,
                        "4 days", "Kim Abercrombie", "Contoso Ltd", "deal Contoso support renewal"},
                {"NOTE", "Budget confirmed", "Bill confirmed the budget for Q1; legal review next.", null, null,
                        "2 days", "Bill Lumbergh", "Initech", "deal Initech TPS automation"},
                {"CALL", "Intro call", "Interested in a pilot for the data team.", "Connected", "15", "1 day",
                        "Rajesh Patel", "Fabrikam Inc", "deal Fabrikam data platform"},
                {"EMAIL", "Catalogue samples", "Sent the sample pages; waiting for feedback.", null, null, "20 days",
                        "Sofia Lindqvist", "Tailspin Toys", "deal Tailspin holiday catalogue"},
                {"CALL", "Left a voicemail", "No answer; will try again tomorrow.", "No answer", "1", "3 hours",
                        "Marcus Okafor", "Contoso Ltd", null}};
        int i = 0;
        for (String[] a : activities) {
            insert("INSERT INTO " + schema + ".activity (type, subject, body, outcome, duration_seconds,"
                    + " occurred_at, completed_at, contact_id, account_id, deal_id, author, created_at, created_by)"
                    + " VALUES (?, ?, ?, ?, ?::int * 60, now() - ?::interval, now() - ?::interval, ?::uuid,"
                    + " ?::uuid, ?::uuid, ?, now() - ?::interval, 'sample-data') RETURNING id", a[0], a[1], a[2],
                    a[3], a[4], a[5], a[5], ids.get(a[6]), ids.get(a[7]), a[8] == null ? null : ids.get(a[8]),
                    owner(i), a[5]);
            i++;
        }
        insert("INSERT INTO " + schema + ".activity (type, subject, body, outcome, duration_seconds, occurred_at,"
                + " completed_at, lead_id, author, created_at, created_by) VALUES ('CALL', 'First call',"
                + " 'Asked for a proposal by Friday.', 'Connected', 600, now() - interval '3 days',"
                + " now() - interval '3 days', ?::uuid, ?, now() - interval '3 days', 'sample-data') RETURNING id",
                ids.get("lead Alan"), owner(1));
    }

    /** Runs an INSERT … RETURNING id with the arguments as strings (casts in the SQL give them their types). */
    private String insert(String sql, Object... arguments) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setObject(i + 1, arguments[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
