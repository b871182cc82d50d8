//! The three output formats of `asl validate` over any bytes, through the
//! CLI's own modules: nothing panics, text is one line per issue, JSON
//! parses back to as many issues, human output is bounded per issue.
#![no_main]

use asl_types::validate::{Options, validate_reading};
use asl_types::{Json, StateMachine};
use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unreachable_pub)]
#[path = "../../asl-cli/src/human.rs"]
mod human;
#[allow(dead_code, unreachable_pub)]
#[path = "../../asl-cli/src/report.rs"]
mod report;

use report::Finding;

fuzz_target!(|data: &[u8]| {
    let Ok((json, spans)) = Json::parse_bytes_with_spans(data) else {
        return;
    };
    if json.as_object().is_none() {
        return;
    }
    let text = String::from_utf8_lossy(data).into_owned();
    let reading = StateMachine::read_json(&json);
    let report = validate_reading(&reading, &Options::new().source_len(data.len()));
    let findings: Vec<Finding> = report
        .into_iter()
        .map(|i| Finding::new("fuzz.json", i))
        .collect();
    // text
    for f in &findings {
        let line = f.to_string();
        assert!(!line.contains(['\n', '\r']), "{line:?}");
    }
    // json
    let printed = serde_json::to_string_pretty(&findings).expect("serializes");
    let parsed: serde_json::Value = serde_json::from_str(&printed).expect("parses back");
    assert_eq!(parsed.as_array().map(Vec::len), Some(findings.len()));
    // human, with and without colour
    for color in [false, true] {
        let out = human::Renderer::new(color).render("fuzz.json", &text, Some(&spans), &findings);
        // A few short lines per issue, whatever the size of the file.
        assert!(
            out.len() <= 4096 * findings.len().max(1),
            "{} bytes for {} issues",
            out.len(),
            findings.len()
        );
    }
});
