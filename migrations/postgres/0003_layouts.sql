-- Layout metadata: a brand's own form definition per object (Account, Contact,
-- registration). A missing row means the object's system fields only.
CREATE TABLE layouts (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id),
    object TEXT NOT NULL CHECK (object IN ('account', 'contact', 'registration')),
    -- JSON array of field definitions (app::domain::layout::Field)
    fields TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, object)
);

-- Values of custom fields, as a JSON object keyed by field key.
ALTER TABLE accounts ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';
ALTER TABLE contacts ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';
