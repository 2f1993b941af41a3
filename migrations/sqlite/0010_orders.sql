-- Ordering: carts, delivery addresses, orders with their lines and history,
-- and the stock open orders hold.

-- Units held by submitted and confirmed orders; free stock = stock - reserved.
-- Submitting claims free stock in one conditional UPDATE, so concurrent
-- orders never take more than there is; shipping takes the units out of
-- both, cancelling gives the reservation back.
ALTER TABLE skus ADD COLUMN reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0);

-- One cart per ordering account, kept on the server (another device, after
-- logout). `added_price` is the unit price when added, so a later change is
-- shown on the line instead of applied silently.
CREATE TABLE cart_lines (
    store_user_id INTEGER NOT NULL REFERENCES store_users(id),
    sku_id INTEGER NOT NULL REFERENCES skus(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    added_price INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (store_user_id, sku_id)
);

-- Delivery addresses, per enterprise; at most one default.
CREATE TABLE addresses (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    recipient TEXT NOT NULL,
    phone TEXT NOT NULL,
    region TEXT NOT NULL,
    detail TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX addresses_by_enterprise ON addresses (enterprise_id, id);
CREATE UNIQUE INDEX addresses_one_default ON addresses (enterprise_id) WHERE is_default = 1;

-- The day's last order number per brand (`DEMO20261201-0007`), counted up
-- by one upsert.
CREATE TABLE order_counters (
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    day INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day)
);

-- The address and lines are copies, as they were when ordered.
-- (store_user_id, idempotency_key) is unique: a double tap, a retry after a
-- lost answer or a second tab submits one order.
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    number TEXT NOT NULL,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    store_user_id INTEGER NOT NULL REFERENCES store_users(id),
    idempotency_key TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted', 'confirmed', 'shipped', 'completed', 'cancelled')),
    total INTEGER NOT NULL CHECK (total >= 0),
    recipient TEXT NOT NULL,
    phone TEXT NOT NULL,
    address TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    carrier TEXT,
    tracking_number TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, number),
    UNIQUE (store_user_id, idempotency_key)
);
CREATE INDEX orders_by_store ON orders (tenant_id, status, id);
CREATE INDEX orders_by_enterprise ON orders (enterprise_id, id);

CREATE TABLE order_lines (
    order_id INTEGER NOT NULL REFERENCES orders(id),
    sku_id INTEGER NOT NULL REFERENCES skus(id),
    product_name TEXT NOT NULL,
    sku_code TEXT NOT NULL,
    spec TEXT NOT NULL,
    unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku_id)
);

-- Every change of an order: who (staff or ordering account) and when.
CREATE TABLE order_history (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    status TEXT NOT NULL,
    action TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    store_user_id INTEGER REFERENCES store_users(id),
    note TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX order_history_by_order ON order_history (order_id, id);
