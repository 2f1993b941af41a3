-- A catalogue search matches product names in this index instead of in the
-- products' rows: at 2,545 products (benches/catalogue.rs), 1.6 -> 0.8 ms
-- a search. The whole shelf and a category are read from
-- products_by_store_category already; a filter's list is then kept until the
-- shelf changes (service::catalogue).
CREATE INDEX products_on_shelf_by_name ON products (tenant_id, on_shelf, name);
