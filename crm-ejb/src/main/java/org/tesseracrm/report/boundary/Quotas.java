package org.tesseracrm.report.boundary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.report.entity.Quota;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.user.boundary.Users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Sales quotas per person, month and currency (docs/reports.md). Everyone reads the quotas of the people whose
 * numbers they see in reports; crm-admins set anyone's, a sales manager those of their teams' members (not their
 * own).
 */
@ApplicationScoped
@Transactional
public class Quotas {

    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    Users users;

    /** The quotas the caller may see, of one month or all, of one person or all, by period, person and currency. */
    public List<Quota> list(String period, String username, Caller caller) {
        StringBuilder sql = new StringBuilder("SELECT username, period, currency, amount, updated_at, updated_by FROM"
                + " sales_quota WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (period != null && !period.isBlank()) {
            parameters.add(period("period", period));
            sql.append(" AND period = ?").append(parameters.size());
        }
        Set<String> visible = access.reportOwners(caller);
        if (username != null && !username.isBlank()) {
            if (visible != null && !visible.contains(username.strip())) {
                throw new Forbidden("not-your-team", caller.username() + " may not see the quotas of "
                        + username.strip());
            }
            parameters.add(username.strip());
            sql.append(" AND username = ?").append(parameters.size());
        } else if (visible != null) {
            parameters.add(String.join(",", visible));
            sql.append(" AND username = ANY(string_to_array(?").append(parameters.size()).append(", ','))");
        }
        var query = tenantData.current().createNativeQuery(sql + " ORDER BY period, username, currency");
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.getResultList().stream().map(row -> quota((Object[]) row)).toList();
    }

    /** Sets (creates or replaces) a person's quota for a month and currency. */
    public Quota set(String username, String period, String currency, BigDecimal amount, Caller caller) {
        String person = mayChange(username, caller);
        String month = period("period", period);
        String code = Fields.knownCurrency("currency", currency);
        if (amount == null) {
            throw new InvalidInput("amount", "is required");
        }
        BigDecimal value = Fields.money("amount", amount);
        tenantData.current().createNativeQuery("INSERT INTO sales_quota (username, period, currency, amount,"
                + " updated_by) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (username, period, currency) DO UPDATE SET"
                + " amount = EXCLUDED.amount, updated_at = now(), updated_by = EXCLUDED.updated_by")
                .setParameter(1, person).setParameter(2, month).setParameter(3, code).setParameter(4, value)
                .setParameter(5, caller.username()).executeUpdate();
        return list(month, person, caller).stream().filter(q -> q.currency().equals(code)).findFirst()
                .orElseThrow();
    }

    /** Removes a quota; 404 when there is none. */
    public void delete(String username, String period, String currency, Caller caller) {
        String person = mayChange(username, caller);
        int deleted = tenantData.current().createNativeQuery("DELETE FROM sales_quota WHERE username = ?1 AND"
                + " period = ?2 AND currency = ?3").setParameter(1, person).setParameter(2, period("period", period))
                .setParameter(3, Fields.knownCurrency("currency", currency)).executeUpdate();
        if (deleted == 0) {
            throw new NotFound("quota " + person + " " + period + " " + currency);
        }
    }

    private String mayChange(String username, Caller caller) {
        String person = Fields.required("username", username, 100);
        if (users.find(person).isEmpty()) {
            throw new InvalidInput("username", "is no user of this workspace");
        }
        boolean allowed = caller.isAdmin() || caller.isManager() && !person.equals(caller.username()) && access
                .mayChange(caller, person);
        if (!allowed) {
            throw new Forbidden("not-your-team", caller.username() + " may not set the quota of " + person);
        }
        return person;
    }

    /** A month as {@code yyyy-MM}. */
    static String period(String field, String value) {
        String month = value == null ? "" : value.strip();
        if (!PERIOD.matcher(month).matches()) {
            throw new InvalidInput(field, "must be a month: yyyy-MM, e.g. 2026-12");
        }
        return month;
    }

    private static Quota quota(Object[] row) {
        return new Quota((String) row[0], (String) row[1], ((String) row[2]).strip(), new BigDecimal(row[3]
                .toString()).setScale(2).toPlainString(), Timestamps.fromColumn(row[4]), (String) row[5]);
    }
}
