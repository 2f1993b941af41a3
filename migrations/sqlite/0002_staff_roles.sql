-- Brand staff, roles and permissions. System roles and their default
-- permissions are created per brand by the application at start-up
-- (app::db::staff::ensure_system_roles), never overwriting an admin's edits.

CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    -- 'store_admin', 'channel_admin', 'order_clerk', 'order_personnel' for system roles
    system_key TEXT,
    name TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('console', 'store')),
    created_at INTEGER NOT NULL,
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, system_key)
);

CREATE TABLE role_permissions (
    role_id INTEGER NOT NULL REFERENCES roles(id),
    permission TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role_id INTEGER NOT NULL REFERENCES roles(id),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX staff_by_tenant ON staff (tenant_id, id);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Ordering accounts get a role (Order Personnel by default).
ALTER TABLE store_users ADD COLUMN role_id INTEGER REFERENCES roles(id);
CREATE INDEX store_users_by_enterprise ON store_users (enterprise_id);
