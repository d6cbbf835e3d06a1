-- Sales quotas (docs/reports.md, "Quotas"): what a person is to win in a month, per currency. The forecast report
-- sets them beside won and forecast amounts; amounts are never converted between currencies.
CREATE TABLE sales_quota (
    username   text          NOT NULL CHECK (length(username) BETWEEN 1 AND 100),
    period     text          NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    currency   char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount     numeric(19, 2) NOT NULL CHECK (amount >= 0),
    updated_at timestamptz   NOT NULL DEFAULT now(),
    updated_by text          NOT NULL,
    PRIMARY KEY (username, period, currency)
);
-- the forecast reads a range of months for everyone or a few people
CREATE INDEX sales_quota_period_idx ON sales_quota (period);
