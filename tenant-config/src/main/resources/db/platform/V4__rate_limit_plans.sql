-- Rate-limit plans: how many API requests a tenant, and each API client (token "azp") within it, may send. Token
-- buckets: a sustained rate per minute and a burst that may be spent at once (docs/api.md, "Rate limits").
CREATE TABLE plan (
    name                       text    PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,29}$'),
    requests_per_minute        integer NOT NULL CHECK (requests_per_minute > 0),
    burst                      integer NOT NULL CHECK (burst > 0),
    client_requests_per_minute integer NOT NULL CHECK (client_requests_per_minute > 0),
    client_burst               integer NOT NULL CHECK (client_burst > 0)
);

INSERT INTO plan (name, requests_per_minute, burst, client_requests_per_minute, client_burst) VALUES
    -- about 1,000 requests/s per tenant: more than one instance on two cores serves, so it protects, never slows
    ('standard', 60000, 5000, 30000, 2500),
    ('trial', 300, 30, 120, 20),
    -- ./crm up's demo tenants: benchmarks measure the request path, not the limiter's refusals
    ('development', 6000000, 100000, 6000000, 100000);

ALTER TABLE tenant ADD COLUMN plan text NOT NULL DEFAULT 'standard' REFERENCES plan (name);

GRANT SELECT ON plan TO ${appRole};
