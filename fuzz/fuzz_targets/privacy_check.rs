//! Fuzzes `respite_core::privacy_check`: any text gives findings that fit it, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let report = respite_core::privacy_check(text.clone());
    let units = text.encode_utf16().count() as u32;
    assert!(report.findings.iter().all(|f| f.start < f.end && f.end <= units));
});
