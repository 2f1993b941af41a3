-- Console catalogue editing: one image per product (a content-named file under
-- the media directory), and lookups the product CSV import needs.
ALTER TABLE products ADD COLUMN image TEXT;
CREATE INDEX products_by_name ON products (tenant_id, name);
CREATE INDEX products_by_store_id ON products (tenant_id, id);
