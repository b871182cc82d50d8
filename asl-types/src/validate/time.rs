//! RFC 3339 timestamps as Step Functions reads them.

/// Whether `s` is a timestamp Step Functions accepts: RFC 3339 with an
/// uppercase `T` between date and time and, where no numeric offset is
/// given, an uppercase `Z`.
pub(super) fn is_timestamp(s: &str) -> bool {
    timestamp_millis(s).is_some()
}

/// The instant of a timestamp Step Functions accepts (RFC 3339 with an
/// uppercase `T` between date and time and, where no numeric offset is
/// given, an uppercase `Z`), in milliseconds since the epoch: the one
/// reading shared by the validator and the local executor.
///
/// ```
/// use asl_types::validate::timestamp_millis;
/// assert_eq!(timestamp_millis("1970-01-01T00:00:01Z"), Some(1000));
/// assert_eq!(timestamp_millis("1970-01-01t00:00:01Z"), None);
/// ```
pub fn timestamp_millis(s: &str) -> Option<i64> {
    if s.as_bytes().get(10) != Some(&b'T') || s.ends_with('z') {
        return None;
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.timestamp_millis())
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
