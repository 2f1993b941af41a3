-- Guest mode and self-registration settings per store, and the audit log of
-- console changes (settings, approvals, rejections).
ALTER TABLE tenants ADD COLUMN guest_mode BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tenants ADD COLUMN guest_prompt_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN guest_prompt_en TEXT NOT NULL DEFAULT '';
ALTER TABLE tenants ADD COLUMN registration_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tenants ADD COLUMN registration_approval BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    staff_id INTEGER REFERENCES staff(id),
    -- e.g. 'settings.guest', 'registration.approve'
    action TEXT NOT NULL,
    -- what changed, as readable JSON
    detail TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, id);
