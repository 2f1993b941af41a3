-- Application entry (issue 15): the third-party platform's ticket, and a
-- brand's own mini-program.

-- WeChat pushes a component_verify_ticket every 10 minutes; the last one is
-- good for 12 hours. One per component, shared by every app server.
CREATE TABLE wechat_component_tickets (
    component_appid TEXT PRIMARY KEY,
    ticket TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- A brand in dedicated mode: its own mini-program, authorized to the
-- platform. One mini-program belongs to one brand on the platform (UNIQUE).
CREATE TABLE store_apps (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id),
    appid TEXT NOT NULL UNIQUE,
    nick_name TEXT NOT NULL,
    head_img TEXT NOT NULL,
    principal TEXT NOT NULL,
    -- The granted permission sets' ids, comma-separated.
    func_info TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    authorized_at BIGINT NOT NULL
);

-- What the application entry page must tell the Store Admin next time, as
-- domain::entry::EntryNotice's JSON ('' for nothing), e.g. that the
-- mini-program's admin withdrew the authorization.
ALTER TABLE tenants ADD COLUMN entry_notice TEXT NOT NULL DEFAULT '';

-- The pre-auth codes handed out for WeChat's authorization page (single
-- use, minutes), so the admin's return and WeChat's `authorized` push find
-- the brand that asked.
CREATE TABLE wechat_pre_auth_codes (
    code TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants(id),
    auth_type INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);

-- A grant that did not pass its checks yet (a set missing, not verified):
-- kept so "Authorized" can check it again without a new authorization.
CREATE TABLE entry_pending (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id),
    appid TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
