-- WeChat login (issue 14).

-- One access token per WeChat app, shared by every app server: fetching a
-- new one invalidates the old within 5 minutes, so servers must not each
-- fetch their own. The server that claims `refreshing_until` (one UPDATE)
-- fetches; the others wait for its token.
CREATE TABLE wechat_tokens (
    appid TEXT PRIMARY KEY,
    access_token TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    refreshing_until BIGINT NOT NULL
);

-- The one-time ticket the mini-program's login page hands to the store in
-- its web-view: a phone WeChat verified, for one store, 60 seconds, used once.
CREATE TABLE wechat_tickets (
    token_hash TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id),
    phone TEXT NOT NULL,
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- The openid an ordering account last logged in with, per WeChat app.
CREATE TABLE wechat_openids (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id),
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES store_users(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, appid, openid)
);

-- The login channels a store offers; each can be switched off by its Store Admin.
ALTER TABLE tenants ADD COLUMN login_sms BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE tenants ADD COLUMN login_password BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE tenants ADD COLUMN login_mini_program BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE tenants ADD COLUMN login_wechat_qr BOOLEAN NOT NULL DEFAULT TRUE;

-- "Scan with WeChat": the state that ties WeChat's answer to the browser
-- that asked for the QR code (also in its cookie), one use, 10 minutes.
CREATE TABLE wechat_qr_states (
    state_hash TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id),
    next TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- A first-time scanner's openid, waiting for them to prove their phone by
-- SMS once; then it is bound to that ordering account (wechat_openids).
CREATE TABLE wechat_binds (
    token_hash TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id),
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
