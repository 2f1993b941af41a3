-- A catalogue search matches product names in this index instead of in the
-- products' rows (the SQLite twin of this file has the timing).
CREATE INDEX products_on_shelf_by_name ON products (tenant_id, on_shelf, name);
