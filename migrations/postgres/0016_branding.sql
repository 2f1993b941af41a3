-- Branding (issue 15): the store's logo, a file under the media directory
-- ('' for none), shown in the store's header, as its favicon and on its
-- share card; in dedicated mode the mini-program's icon comes first.
ALTER TABLE tenants ADD COLUMN logo TEXT NOT NULL DEFAULT '';
