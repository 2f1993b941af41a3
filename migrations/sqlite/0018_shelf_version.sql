-- Which products a catalogue filter matches is kept in each app server's
-- memory (service::catalogue::Shelves) under the store's shelf version. Any
-- change to a product that a filter looks at counts the version up in the
-- same transaction, whichever code or tool makes it, so every server reads
-- the new version with the store on its next request and looks again.
CREATE TABLE shelf_versions (
    tenant_id INTEGER PRIMARY KEY REFERENCES tenants(id),
    version INTEGER NOT NULL
);

CREATE TRIGGER products_inserted_shelf AFTER INSERT ON products
BEGIN
    INSERT INTO shelf_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER products_changed_shelf
AFTER UPDATE OF tenant_id, category_id, name, on_shelf ON products
BEGIN
    INSERT INTO shelf_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
    INSERT INTO shelf_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER products_deleted_shelf AFTER DELETE ON products
BEGIN
    INSERT INTO shelf_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
