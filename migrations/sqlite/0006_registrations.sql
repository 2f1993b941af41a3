-- Self-registration: applications from phones without an ordering account,
-- and the short-lived proof that a browser verified its phone by SMS.

-- A verified phone waiting to register. The browser holds the raw token in
-- an HttpOnly cookie; `draft` keeps the last refused submission (values and
-- field errors as JSON) so a form posted without JavaScript shows them again.
CREATE TABLE phone_tickets (
    token_hash TEXT PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    phone TEXT NOT NULL,
    draft TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    phone TEXT NOT NULL,
    company TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    -- the validated values, by field key (JSON)
    fields TEXT NOT NULL,
    -- the registration layout's fields when submitted (JSON), so the inbox
    -- shows each application as it was laid out
    layout TEXT NOT NULL,
    -- the applicant's language, for the SMS that tells them the decision
    lang TEXT NOT NULL DEFAULT 'zh-CN',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT,
    decided_by INTEGER REFERENCES staff(id),
    decided_at INTEGER,
    account_id INTEGER REFERENCES accounts(id),
    store_user_id INTEGER REFERENCES store_users(id),
    created_at INTEGER NOT NULL
);
-- One open application per phone and store: a second submission finds this one.
CREATE UNIQUE INDEX registrations_one_pending ON registrations (tenant_id, phone) WHERE status = 'pending';
CREATE INDEX registrations_by_status ON registrations (tenant_id, status, id);
CREATE INDEX registrations_by_phone ON registrations (tenant_id, phone, id);
