//! Integration tests over HTTP: each starts the real application on a loopback
//! port against a fresh SQLite file. One test binary for all of them, since
//! every binary links the whole server (build time and disk add up per binary).

mod common;

mod catalogue;
mod console;
mod guest;
mod registration;
mod security;
mod sms;
mod store;
