-- A guest's catalogue page is kept rendered in each app server's memory
-- (the server's `page_cache`) under the store's catalogue version, which
-- comes with the store on every request. The store's own row and its
-- mini-program's name and icon are read fresh each time; any change to
-- anything else such a page shows (a product, its SKUs and their stock, a
-- price, a category) counts the version up in the same transaction,
-- whichever code or tool makes it, so every server renders afresh on its
-- next request.
--
-- Deferred to the commit, as the shelf version is (0018), so a transaction
-- takes the version's row lock last and releases it at once.
CREATE TABLE catalogue_versions (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id),
    version BIGINT NOT NULL
);

-- No store (a price whose list the same transaction deleted): nothing to count.
CREATE FUNCTION count_catalogue_version(store BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO catalogue_versions (tenant_id, version)
    SELECT store, 1 WHERE store IS NOT NULL
    ON CONFLICT (tenant_id) DO UPDATE SET version = catalogue_versions.version + 1;
$$;

-- Products, SKUs and categories carry their store.
CREATE FUNCTION store_row_counts_catalogue_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM count_catalogue_version(OLD.tenant_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.tenant_id <> OLD.tenant_id) THEN
        PERFORM count_catalogue_version(NEW.tenant_id);
    END IF;
    RETURN NULL;
END
$$;

-- A price belongs to its list's store.
CREATE FUNCTION price_counts_catalogue_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM count_catalogue_version(
            (SELECT tenant_id FROM price_lists WHERE id = OLD.price_list_id));
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.price_list_id <> OLD.price_list_id) THEN
        PERFORM count_catalogue_version(
            (SELECT tenant_id FROM price_lists WHERE id = NEW.price_list_id));
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER products_catalogue
AFTER INSERT OR DELETE OR UPDATE ON products
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION store_row_counts_catalogue_version();

-- Not `reserved`: every submitted order changes it, and no page shows it.
CREATE CONSTRAINT TRIGGER skus_catalogue
AFTER INSERT OR DELETE OR UPDATE OF tenant_id, product_id, code, spec, stock ON skus
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION store_row_counts_catalogue_version();

CREATE CONSTRAINT TRIGGER categories_catalogue
AFTER INSERT OR DELETE OR UPDATE ON categories
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION store_row_counts_catalogue_version();

CREATE CONSTRAINT TRIGGER prices_catalogue
AFTER INSERT OR DELETE OR UPDATE ON prices
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION price_counts_catalogue_version();
