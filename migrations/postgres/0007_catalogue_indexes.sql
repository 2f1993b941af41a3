-- The store reads a page's SKUs by store and product. Without statistics,
-- SQLite answered `tenant_id = ? AND product_id IN (...)` through the unique
-- (tenant_id, code) index, scanning every SKU of the store: 5 ms a page at
-- 10,000 SKUs instead of 0.3 ms (benches/catalogue.rs).
CREATE INDEX skus_by_store_product ON skus (tenant_id, product_id, id);
