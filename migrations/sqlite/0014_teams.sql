-- Tenant-enabled enterprises manage their own team (issue 15): one of the
-- enterprise's ordering accounts, chosen by the brand, is its distributor
-- admin. NULL: nobody yet (and always for tenantless enterprises, which the
-- brand alone manages).
ALTER TABLE enterprises ADD COLUMN admin_user_id INTEGER REFERENCES store_users(id);

-- A liaison may order. Every ordering account so far was made by the brand
-- (console, approvals, demo data), which is what makes someone a liaison.
UPDATE store_users SET is_liaison = TRUE;
