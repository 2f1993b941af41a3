-- An UPDATE counted the shelf and catalogue versions twice when the row
-- stayed in its store (once for the old store, once for the new): two
-- writes of the store's version row where one does. Counted now for each
-- distinct store the row was or is in, in one statement. PostgreSQL's
-- triggers (0018, 0019) already compare the two stores.
DROP TRIGGER products_changed_shelf;
CREATE TRIGGER products_changed_shelf
AFTER UPDATE OF tenant_id, category_id, name, on_shelf ON products
BEGIN
    INSERT INTO shelf_versions (tenant_id, version)
    SELECT id, 1 FROM tenants WHERE id IN (OLD.tenant_id, NEW.tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

DROP TRIGGER products_changed_catalogue;
CREATE TRIGGER products_changed_catalogue AFTER UPDATE ON products
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT id, 1 FROM tenants WHERE id IN (OLD.tenant_id, NEW.tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

-- Not `reserved`: every submitted order changes it, and no page shows it.
DROP TRIGGER skus_changed_catalogue;
CREATE TRIGGER skus_changed_catalogue
AFTER UPDATE OF tenant_id, product_id, code, spec, stock ON skus
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT id, 1 FROM tenants WHERE id IN (OLD.tenant_id, NEW.tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

DROP TRIGGER categories_changed_catalogue;
CREATE TRIGGER categories_changed_catalogue AFTER UPDATE ON categories
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT id, 1 FROM tenants WHERE id IN (OLD.tenant_id, NEW.tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
