-- The platform mini-program's store picker, /lite (issue 14).

-- A ticket may now be for no store: the platform mini-program was opened
-- without a store link, and the phone picks one of its stores at /lite.
ALTER TABLE wechat_tickets ALTER COLUMN tenant_id DROP NOT NULL;

-- A phone WeChat verified in the platform mini-program, for a working day:
-- it may enter any store where it has an ordering account, and switch
-- between them, without verifying again. The browser holds the raw token.
CREATE TABLE lite_passes (
    token_hash TEXT PRIMARY KEY,
    phone TEXT NOT NULL,
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- The picker looks a phone up across stores.
CREATE INDEX store_users_by_phone ON store_users (phone);
