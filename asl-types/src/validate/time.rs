//! RFC 3339 timestamps as Step Functions reads them.

/// Whether `s` is a timestamp Step Functions accepts: RFC 3339 with an
/// uppercase `T` between date and time and, where no numeric offset is
/// given, an uppercase `Z`.
pub(super) fn is_timestamp(s: &str) -> bool {
    s.as_bytes().get(10) == Some(&b'T')
        && !s.ends_with('z')
        && chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339_with_uppercase_separators() {
        for ok in [
            "2016-03-14T01:59:00Z",
            "2016-03-14T01:59:00.123Z",
            "2016-03-14T01:59:00+02:00",
            "2016-03-14T01:59:00-07:30",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "",
            "2016-03-14",
            "2016-03-14 01:59:00Z",
            "2016-03-14t01:59:00Z",
            "2016-03-14T01:59:00z",
            "2016-03-14T01:59:00",
            "2016-13-14T01:59:00Z",
            "2016-02-30T01:59:00Z",
            "yesterday",
            "2016-03-14T01:59:00ZZ",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }
}
