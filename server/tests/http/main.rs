//! Integration tests over HTTP: each starts the real application on a loopback
//! port against a fresh database: a SQLite file, or a PostgreSQL database when
//! `ORDERLINK_TEST_POSTGRES` is set (`scripts/test.sh` runs both). One test
//! binary for all of them, since every binary links the whole server (build
//! time and disk add up per binary).

mod common;

mod branding;
mod catalogue;
mod console;
mod database;
mod entry;
mod guest;
mod instances;
mod leptos_route_listing;
mod lite;
mod ordering_forms;
mod orders;
mod registration;
mod security;
mod sms;
mod store;
mod teams;
mod wechat;
