-- Yes/no columns were declared BOOLEAN. The `Any` driver, through which every
-- query now runs on SQLite and PostgreSQL alike, refuses a SQLite column
-- declared BOOLEAN. SQLite stores 0 and 1 either way, so only the declared
-- type changes: the procedure SQLite documents for schema changes that leave
-- the stored data as it is (https://sqlite.org/lang_altertable.html#otheralter).
-- Creating and dropping a table bumps the schema version, so every connection
-- reads the new schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, ' BOOLEAN NOT NULL', ' INTEGER NOT NULL')
 WHERE type = 'table' AND sql LIKE '% BOOLEAN NOT NULL%';
PRAGMA writable_schema = OFF;
CREATE TABLE schema_bump (x INTEGER);
DROP TABLE schema_bump;
