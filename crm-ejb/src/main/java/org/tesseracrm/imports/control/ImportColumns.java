package org.tesseracrm.imports.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.platform.entity.InvalidInput;

/**
 * The fields a column of a contact or lead import can fill, and the guess of a column's field from its header: the API's own
 * names (so a file exported from Tessera imports as it is), the usual spellings of other CRMs and spreadsheets, and
 * a custom field's name or label.
 */
public final class ImportColumns {

    public static final List<String> CONTACT_FIELDS = List.of("firstName", "lastName", "email", "phone", "title",
            "tier", "owner", "tags", "externalId", "timeZone", "lastContactAt", "accountId", "accountName",
            "customFields");

    public static final List<String> LEAD_FIELDS = List.of("firstName", "lastName", "company", "industry", "email",
            "phone", "source", "owner", "priority", "status", "tags", "externalId", "timeZone", "estimatedValue",
            "currency", "customFields");

    public static final List<String> ACCOUNT_FIELDS = List.of("name", "domain", "industry", "website", "phone",
            "tier", "owner", "tags", "externalId", "customFields");

    /** Custom fields map as {@code customFields.<name>}. */
    public static final String CUSTOM_PREFIX = "customFields.";

    private static final Map<String, String> SYNONYMS = new HashMap<>();
    /** Leads name the company itself, where contacts link to an account by its name. */
    private static final Map<String, String> LEAD_SYNONYMS = new HashMap<>();
    private static final Map<String, String> ACCOUNT_SYNONYMS = new HashMap<>();

    static {
        synonyms("firstName", "firstname", "first", "givenname", "forename", "vorname", "prenom");
        synonyms("lastName", "lastname", "last", "surname", "familyname", "nachname", "nom");
        synonyms("email", "email", "emailaddress", "mail", "emailadresse", "workemail", "primaryemail");
        synonyms("phone", "phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cell", "telefon");
        synonyms("title", "title", "jobtitle", "position", "role");
        synonyms("tier", "tier");
        synonyms("owner", "owner", "contactowner", "ownerusername", "assignedto");
        synonyms("tags", "tags", "tag", "labels");
        synonyms("externalId", "externalid", "extid", "erpid", "customernumber", "recordid");
        synonyms("timeZone", "timezone", "tz");
        synonyms("lastContactAt", "lastcontactat", "lastcontacted", "lastcontact", "lastactivitydate");
        synonyms("accountId", "accountid");
        synonyms("accountName", "accountname", "account", "company", "companyname", "organization",
                "organisation", "firma");
        synonyms("customFields", "customfields");
        LEAD_SYNONYMS.putAll(SYNONYMS);
        for (String header : List.of("accountname", "account", "company", "companyname", "organization",
                "organisation", "firma")) {
            LEAD_SYNONYMS.put(header, "company");
        }
        for (String header : List.of("accountid", "lastcontactat", "lastcontacted", "lastcontact",
                "lastactivitydate", "tier", "title", "jobtitle", "position", "role")) {
            LEAD_SYNONYMS.remove(header);
        }
        lead("industry", "industry", "sector", "branche", "branch");
        lead("source", "source", "leadsource", "origin", "channel", "quelle");
        lead("priority", "priority", "rating", "temperature");
        lead("status", "status", "leadstatus", "stage");
        lead("estimatedValue", "estimatedvalue", "value", "amount", "dealvalue", "potential");
        lead("currency", "currency", "waehrung");
        account("name", "name", "accountname", "account", "company", "companyname", "organization", "organisation",
                "firma");
        account("domain", "domain", "companydomain", "domainname", "emaildomain");
        account("industry", "industry", "sector", "branche");
        account("website", "website", "web", "url", "homepage", "companywebsite");
        account("phone", "phone", "phonenumber", "telephone", "tel", "telefon", "mainphone");
        account("tier", "tier", "segment", "type", "accounttype");
        account("owner", "owner", "accountowner", "ownerusername", "assignedto");
        account("tags", "tags", "tag", "labels");
        account("externalId", "externalid", "extid", "erpid", "customernumber", "accountnumber", "recordid");
        account("customFields", "customfields");
    }

    private static void account(String field, String... headers) {
        for (String header : headers) {
            ACCOUNT_SYNONYMS.put(header, field);
        }
    }

    private static void lead(String field, String... headers) {
        for (String header : headers) {
            LEAD_SYNONYMS.put(header, field);
        }
    }

    /** The fields a column of an import of {@code objectType} can fill (custom fields besides). */
    public static List<String> fields(String objectType) {
        return switch (objectType) {
            case "lead" -> LEAD_FIELDS;
            case "account" -> ACCOUNT_FIELDS;
            default -> CONTACT_FIELDS;
        };
    }

    private static void synonyms(String field, String... headers) {
        for (String header : headers) {
            SYNONYMS.put(header, field);
        }
    }

    private ImportColumns() {
    }

    /** "E-Mail Address " becomes "emailaddress". */
    static String normalised(String header) {
        StringBuilder key = new StringBuilder(header.length());
        for (char c : header.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                key.append(c);
            }
        }
        return key.toString();
    }

    /**
     * The field of each header: the tenant's saved mapping first (by lower-cased header), then the catalogue; a field
     * is given to one column only (the first), the rest are left out (null).
     */
    public static List<String> guess(String objectType, List<String> headers, Map<String, String> saved,
            List<CustomFieldDefinition> customFields) {
        Map<String, String> synonyms = switch (objectType) {
            case "lead" -> LEAD_SYNONYMS;
            case "account" -> ACCOUNT_SYNONYMS;
            default -> SYNONYMS;
        };
        Map<String, String> custom = new HashMap<>();
        for (CustomFieldDefinition definition : customFields) {
            custom.put(normalised(definition.name()), CUSTOM_PREFIX + definition.name());
            custom.putIfAbsent(normalised(definition.label()), CUSTOM_PREFIX + definition.name());
            custom.put(normalised(CUSTOM_PREFIX + definition.name()), CUSTOM_PREFIX + definition.name());
        }
        Set<String> allowed = new HashSet<>(fields(objectType));
        allowed.addAll(custom.values());
        List<String> fields = new ArrayList<>(headers.size());
        Set<String> taken = new HashSet<>();
        for (String header : headers) {
            String field = saved.get(header.toLowerCase(Locale.ROOT));
            if (field == null || !allowed.contains(field)) {
                String key = normalised(header);
                field = synonyms.containsKey(key) ? synonyms.get(key) : custom.get(key);
            }
            fields.add(field != null && taken.add(field) ? field : null);
        }
        return fields;
    }

    /** Checks a mapping chosen by a person: known fields, each at most once; the result has one entry per header. */
    public static List<String> checked(String objectType, List<String> headers, Map<String, String> chosen,
            List<CustomFieldDefinition> customFields) {
        Set<String> allowed = new HashSet<>(fields(objectType));
        customFields.forEach(definition -> allowed.add(CUSTOM_PREFIX + definition.name()));
        List<String> fields = new ArrayList<>(java.util.Collections.nCopies(headers.size(), (String) null));
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, String> entry : chosen.entrySet()) {
            int column = headers.indexOf(entry.getKey());
            if (column < 0) {
                throw new InvalidInput("mapping", "names a column the file does not have: "
                        + shortened(entry.getKey()));
            }
            String field = entry.getValue();
            if (field == null || field.isEmpty()) {
                continue;
            }
            if (!allowed.contains(field)) {
                throw new InvalidInput("mapping." + shortened(entry.getKey()), "is no field of a " + objectType + ": "
                        + shortened(field) + " (fields: " + String.join(", ", fields(objectType))
                        + ", customFields.<name>)");
            }
            if (!taken.add(field)) {
                throw new InvalidInput("mapping", "maps two columns to " + field);
            }
            fields.set(column, field);
        }
        if ("account".equals(objectType)) {
            if (!fields.contains("name") && !fields.contains("domain") && !fields.contains("externalId")) {
                throw new InvalidInput("mapping", "needs a column for name, domain or externalId");
            }
        } else if (!fields.contains("lastName") && !fields.contains("email") && !fields.contains("externalId")) {
            throw new InvalidInput("mapping", "needs a column for lastName, email or externalId");
        }
        return fields;
    }

    private static String shortened(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
