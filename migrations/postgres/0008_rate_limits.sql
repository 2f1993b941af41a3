-- Rate limits shared by every request and every app server: one row per
-- counter (e.g. failed passwords per name and address, SMS codes per phone),
-- counting claims in a fixed window that starts at the window's first claim.
-- A claim checks and counts in one statement (app::db::limits).
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    used BIGINT NOT NULL
);

-- Failed passwords are counted there now, per name and address, instead of
-- a lock on the account that anyone could trigger.
ALTER TABLE store_users DROP COLUMN failed_logins;
ALTER TABLE store_users DROP COLUMN locked_until;
ALTER TABLE staff DROP COLUMN failed_logins;
ALTER TABLE staff DROP COLUMN locked_until;
