//! Fuzzes `respite_core::fuzzing::daylio`: any input is an error or a result, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = respite_core::fuzzing::daylio(data);
});
