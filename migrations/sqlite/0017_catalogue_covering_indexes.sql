-- The store's catalogue page reads only from indexes where it can
-- (benches/catalogue.rs, 10,000 SKUs; each query timed alone):
-- * a page of the whole shelf walks (tenant_id, on_shelf, id) instead of
--   reading every skipped product's row to test `on_shelf`: a deep page's
--   ids 294 -> 120 us;
-- * a search matches the name in (tenant_id, on_shelf, name) instead of in
--   the rows: its count 1.6 -> 0.8 ms;
-- * each SKU's price comes from (price_list_id, sku_id, amount) without a
--   second seek into the prices table: a product's SKUs 47 -> 26 us.
CREATE INDEX products_on_shelf_by_id ON products (tenant_id, on_shelf, id);
CREATE INDEX products_on_shelf_by_name ON products (tenant_id, on_shelf, name);
CREATE INDEX prices_with_amount ON prices (price_list_id, sku_id, amount);
