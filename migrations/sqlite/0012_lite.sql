-- The platform mini-program's store picker, /lite (issue 14).

-- A ticket may now be for no store: the platform mini-program was opened
-- without a store link, and the phone picks one of its stores at /lite.
-- SQLite cannot drop NOT NULL in place; tickets live a minute, so the
-- table is rebuilt with what it holds.
CREATE TABLE wechat_tickets_new (
    token_hash TEXT PRIMARY KEY,
    tenant_id INTEGER REFERENCES tenants(id),
    phone TEXT NOT NULL,
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
INSERT INTO wechat_tickets_new SELECT token_hash, tenant_id, phone, appid, openid, expires_at, used_at FROM wechat_tickets;
DROP TABLE wechat_tickets;
ALTER TABLE wechat_tickets_new RENAME TO wechat_tickets;

-- A phone WeChat verified in the platform mini-program, for a working day:
-- it may enter any store where it has an ordering account, and switch
-- between them, without verifying again. The browser holds the raw token.
CREATE TABLE lite_passes (
    token_hash TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

-- The picker looks a phone up across stores.
CREATE INDEX store_users_by_phone ON store_users (phone);
