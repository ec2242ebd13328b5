//! Fuzzes the json importer (see common.rs for what is checked).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check(wijkweb::exchange::json::read, "fuzz.json", data);
});
