-- The store's catalogue page reads only from indexes where it can
-- (benches/catalogue.rs; the SQLite twin of this file has the timings):
-- a page of the whole shelf in (tenant_id, on_shelf, id), a search's name
-- match in (tenant_id, on_shelf, name), each SKU's price with its amount.
CREATE INDEX products_on_shelf_by_id ON products (tenant_id, on_shelf, id);
CREATE INDEX products_on_shelf_by_name ON products (tenant_id, on_shelf, name);
CREATE INDEX prices_with_amount ON prices (price_list_id, sku_id) INCLUDE (amount);
