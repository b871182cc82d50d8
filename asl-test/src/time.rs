//! The virtual clock's timestamps, as Step Functions writes them
//! (RFC 3339, UTC, milliseconds: `2024-05-01T12:00:00.000Z`).

use chrono::{DateTime, SecondsFormat, Utc};

/// Milliseconds since the epoch of a timestamp Step Functions accepts (the
/// validator's rule: RFC 3339, uppercase `T` and `Z`).
pub(crate) fn parse_ms(text: &str) -> Option<i64> {
    asl_types::validate::timestamp_millis(text)
}

/// The timestamp `ms` milliseconds after the epoch.
pub(crate) fn format_ms(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(
        || "1970-01-01T00:00:00.000Z".to_owned(),
        |t| t.to_rfc3339_opts(SecondsFormat::Millis, true),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        let ms = super::parse_ms("2024-05-01T12:00:00Z").unwrap();
        assert_eq!(super::format_ms(ms), "2024-05-01T12:00:00.000Z");
        assert_eq!(
            super::parse_ms("2024-05-01T14:00:00+02:00"),
            Some(ms),
            "offsets are instants"
        );
        assert_eq!(super::parse_ms("2024-05-01"), None);
        assert_eq!(super::parse_ms("2024-05-01t12:00:00Z"), None);
        assert_eq!(super::parse_ms("2024-05-01T12:00:00z"), None);
    }
}
