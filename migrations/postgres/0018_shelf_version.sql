-- Which products a catalogue filter matches is kept in each app server's
-- memory (service::catalogue::Shelves) under the store's shelf version. Any
-- change to a product that a filter looks at counts the version up in the
-- same transaction, whichever code or tool makes it, so every server reads
-- the new version with the store on its next request and looks again.
--
-- The count is its own table, not a column of tenants, and the trigger is
-- deferred to the commit: a transaction then takes the version's row lock
-- last, after every product row it changes, and releases it at once. So an
-- import (which locks the store's tenants row first) and an edit of one of
-- its products cannot wait for each other in a circle.
CREATE TABLE shelf_versions (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id),
    version BIGINT NOT NULL
);

CREATE FUNCTION products_count_shelf_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO shelf_versions (tenant_id, version) VALUES (OLD.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET version = shelf_versions.version + 1;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.tenant_id <> OLD.tenant_id) THEN
        INSERT INTO shelf_versions (tenant_id, version) VALUES (NEW.tenant_id, 1)
        ON CONFLICT (tenant_id) DO UPDATE SET version = shelf_versions.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER products_shelf
AFTER INSERT OR DELETE OR UPDATE OF tenant_id, category_id, name, on_shelf ON products
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION products_count_shelf_version();
