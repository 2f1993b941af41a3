-- SQLite's 0009 changes the declared type of its yes/no columns from BOOLEAN
-- to INTEGER for the `Any` driver. PostgreSQL keeps real BOOLEAN columns
-- (app::db::Flag reads both), so there is nothing to change here.
SELECT 1;
