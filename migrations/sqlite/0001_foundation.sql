-- OrderLink foundation schema. Portable SQL: integer ids, integer money (fen),
-- timestamps as integer unix seconds, booleans as BOOLEAN (0/1 in SQLite).

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    notice TEXT NOT NULL DEFAULT '',
    standard_price_list_id INTEGER,
    guest_account_id INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE price_lists (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, name)
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    category_id INTEGER REFERENCES categories(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL,
    moq INTEGER NOT NULL DEFAULT 1 CHECK (moq >= 1),
    on_shelf BOOLEAN NOT NULL DEFAULT TRUE,
    created_at INTEGER NOT NULL
);
CREATE INDEX products_by_store_category ON products (tenant_id, on_shelf, category_id, id);

CREATE TABLE skus (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    code TEXT NOT NULL,
    -- spec attributes as a JSON array of [name, value] pairs, e.g. [["规格","500ml"]]
    spec TEXT NOT NULL DEFAULT '[]',
    stock INTEGER NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, code)
);
CREATE INDEX skus_by_product ON skus (product_id, id);

CREATE TABLE prices (
    price_list_id INTEGER NOT NULL REFERENCES price_lists(id),
    sku_id INTEGER NOT NULL REFERENCES skus(id),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (price_list_id, sku_id)
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    price_list_id INTEGER REFERENCES price_lists(id),
    is_virtual BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL
);
CREATE INDEX accounts_by_store ON accounts (tenant_id, id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    title TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX contacts_by_account ON contacts (account_id);

CREATE TABLE enterprises (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    account_id INTEGER NOT NULL UNIQUE REFERENCES accounts(id),
    has_tenant BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL
);

-- An ordering account ("Order Personnel"): one login for one Contact in one store.
CREATE TABLE store_users (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id),
    phone TEXT NOT NULL,
    login_name TEXT,
    password_hash TEXT,
    is_liaison BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (tenant_id, phone),
    UNIQUE (tenant_id, login_name)
);

-- Only a hash of the session token is stored, so a leaked database holds no live sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    store_user_id INTEGER NOT NULL REFERENCES store_users(id),
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (store_user_id);

CREATE TABLE sms_codes (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    used BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sms_codes_by_phone ON sms_codes (tenant_id, phone, id);
CREATE INDEX sms_codes_by_ip ON sms_codes (ip, created_at);

-- Dev-mode SMS sink, readable at GET /dev/outbox.
CREATE TABLE sms_outbox (
    id INTEGER PRIMARY KEY,
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sms_outbox_by_phone ON sms_outbox (phone, id);
