-- A guest's catalogue page is kept rendered in each app server's memory
-- (the server's `page_cache`) under the store's catalogue version, which
-- comes with the store on every request. The store's own row and its
-- mini-program's name and icon are read fresh each time; any change to
-- anything else such a page shows (a product, its SKUs and their stock, a
-- price, a category) counts the version up in the same transaction,
-- whichever code or tool makes it, so every server renders afresh on its
-- next request. An UPDATE that moves a row to another store counts both.
CREATE TABLE catalogue_versions (
    tenant_id INTEGER PRIMARY KEY REFERENCES tenants(id),
    version INTEGER NOT NULL
);

CREATE TRIGGER products_inserted_catalogue AFTER INSERT ON products
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER products_changed_catalogue AFTER UPDATE ON products
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER products_deleted_catalogue AFTER DELETE ON products
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER skus_inserted_catalogue AFTER INSERT ON skus
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

-- Not `reserved`: every submitted order changes it, and no page shows it.
CREATE TRIGGER skus_changed_catalogue
AFTER UPDATE OF tenant_id, product_id, code, spec, stock ON skus
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER skus_deleted_catalogue AFTER DELETE ON skus
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER categories_inserted_catalogue AFTER INSERT ON categories
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER categories_changed_catalogue AFTER UPDATE ON categories
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER categories_deleted_catalogue AFTER DELETE ON categories
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

-- A price belongs to its list's store.
CREATE TRIGGER prices_inserted_catalogue AFTER INSERT ON prices
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT tenant_id, 1 FROM price_lists WHERE id = NEW.price_list_id
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER prices_changed_catalogue AFTER UPDATE ON prices
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT tenant_id, 1 FROM price_lists WHERE id IN (OLD.price_list_id, NEW.price_list_id)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER prices_deleted_catalogue AFTER DELETE ON prices
BEGIN
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT tenant_id, 1 FROM price_lists WHERE id = OLD.price_list_id
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
