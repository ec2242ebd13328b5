//! Fuzzes the graphml importer (see common.rs for what is checked).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check(wijkweb::exchange::graphml::read, "fuzz.graphml", data);
});
