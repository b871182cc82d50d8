//! Reading, validating and re-writing any bytes:
//! - nothing panics or hangs;
//! - every issue's pointer is in the input (or, for a member that is
//!   missing, its object is);
//! - a definition that reads without errors is written back equal to the
//!   input as a JSON value, number text exact, and writing what was written
//!   gives the same bytes.
#![no_main]

use asl_types::validate::{Options, validate_reading};
use asl_types::{Json, StateMachine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((json, spans)) = Json::parse_bytes_with_spans(data) else {
        // Not JSON: the plain reader agrees.
        assert!(Json::from_slice(data).is_err());
        return;
    };
    if json.as_object().is_none() {
        return;
    }
    let reading = StateMachine::read_json(&json);
    let report = validate_reading(&reading, &Options::new().source_len(data.len()));
    for issue in report.issues() {
        let pointer = issue.pointer.as_str();
        let parent = pointer.rfind('/').map_or("", |i| &pointer[..i]);
        let without_dollar = pointer.strip_suffix(".$").unwrap_or(pointer);
        assert!(
            spans.value(pointer).is_some()
                || spans.value(without_dollar).is_some()
                || spans.value(parent).is_some(),
            "pointer of {issue} is not in the input"
        );
        assert!(!issue.to_string().contains(['\n', '\r']), "{issue:?}");
    }
    let Ok(machine) = StateMachine::from_slice(data) else {
        return;
    };
    let written = machine
        .to_canonical_string()
        .expect("a read machine writes");
    let back: Json = written.parse().expect("written text is JSON");
    assert!(back == json, "written differs from the input:\n{written}");
    let again = StateMachine::from_slice(written.as_bytes())
        .expect("written text reads")
        .to_canonical_string()
        .expect("writes again");
    assert_eq!(again, written, "a second write differs");
});
