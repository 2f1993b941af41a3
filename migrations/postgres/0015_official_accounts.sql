-- A brand's official account, linked through the third-party platform
-- (auth_type 1), for its service menu. One brand per account, platform-wide.
CREATE TABLE store_official_accounts (
    tenant_id INTEGER PRIMARY KEY REFERENCES tenants(id),
    appid TEXT NOT NULL UNIQUE,
    nick_name TEXT NOT NULL,
    principal TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    -- The menu last published ('' for none yet).
    menu TEXT NOT NULL DEFAULT '',
    linked_at INTEGER NOT NULL
);
