//! State names and error names.

use std::borrow::Borrow;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::json::Json;
use crate::read::{At, FromJson, Issues, expect_str};

/// The name of a state, as it appears in `States`, `StartAt`, `Next`,
/// `Default` and catchers.
///
/// Any string reads as a name; the 1–80 character rule is the validator's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct StateName(String);

impl StateName {
    /// A state name.
    pub fn new(name: impl Into<String>) -> Self {
        StateName(name.into())
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The length in Unicode scalar values, as AWS counts it.
    pub fn char_len(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Display for StateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for StateName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for StateName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Borrow<str> for StateName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for StateName {
    fn from(s: &str) -> Self {
        StateName(s.to_owned())
    }
}

impl From<&StateName> for StateName {
    fn from(s: &StateName) -> Self {
        s.clone()
    }
}

impl From<String> for StateName {
    fn from(s: String) -> Self {
        StateName(s)
    }
}

impl Serialize for StateName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl FromJson for StateName {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        String::read(json, at, issues).map(StateName)
    }
}

macro_rules! error_names {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// An error name in `ErrorEquals`: one of the predefined `States.*`
        /// errors, or a name of the task's own.
        ///
        /// ```
        /// use asl_types::ErrorName;
        /// assert_eq!("States.ALL".parse::<ErrorName>().unwrap(), ErrorName::All);
        /// let custom: ErrorName = "SageMaker.AmazonSageMakerException".parse().unwrap();
        /// assert_eq!(custom.to_string(), "SageMaker.AmazonSageMakerException");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorName {
            $($(#[$doc])* $variant,)*
            /// Any other name, kept verbatim (names starting `States.` that
            /// AWS does not define are the validator's business).
            Custom(String),
        }

        impl ErrorName {
            /// Every predefined `States.*` error.
            pub const PREDEFINED: &'static [ErrorName] = &[$(ErrorName::$variant,)*];

            /// The name as written in ASL.
            pub fn as_str(&self) -> &str {
                match self {
                    $(ErrorName::$variant => $text,)*
                    ErrorName::Custom(name) => name,
                }
            }
        }

        impl std::str::FromStr for ErrorName {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($text => ErrorName::$variant,)*
                    other => ErrorName::Custom(other.to_owned()),
                })
            }
        }
    };
}

error_names! {
    /// `States.ALL`: matches any error (but `States.DataLimitExceeded` and `States.Runtime`).
    All => "States.ALL",
    /// `States.BranchFailed`
    BranchFailed => "States.BranchFailed",
    /// `States.DataLimitExceeded`
    DataLimitExceeded => "States.DataLimitExceeded",
    /// `States.ExceedToleratedFailureThreshold`
    ExceedToleratedFailureThreshold => "States.ExceedToleratedFailureThreshold",
    /// `States.HeartbeatTimeout`
    HeartbeatTimeout => "States.HeartbeatTimeout",
    /// `States.Http.Socket`
    HttpSocket => "States.Http.Socket",
    /// `States.IntrinsicFailure`
    IntrinsicFailure => "States.IntrinsicFailure",
    /// `States.ItemReaderFailed`
    ItemReaderFailed => "States.ItemReaderFailed",
    /// `States.NoChoiceMatched`
    NoChoiceMatched => "States.NoChoiceMatched",
    /// `States.ParameterPathFailure`
    ParameterPathFailure => "States.ParameterPathFailure",
    /// `States.Permissions`
    Permissions => "States.Permissions",
    /// `States.QueryEvaluationError`
    QueryEvaluationError => "States.QueryEvaluationError",
    /// `States.ResultPathMatchFailure`
    ResultPathMatchFailure => "States.ResultPathMatchFailure",
    /// `States.ResultWriterFailed`
    ResultWriterFailed => "States.ResultWriterFailed",
    /// `States.Runtime`
    Runtime => "States.Runtime",
    /// `States.TaskFailed`
    TaskFailed => "States.TaskFailed",
    /// `States.Timeout`
    Timeout => "States.Timeout",
}

impl fmt::Display for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for ErrorName {
    fn from(s: &str) -> Self {
        match s.parse() {
            Ok(name) => name,
        }
    }
}

impl Serialize for ErrorName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl FromJson for ErrorName {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        issues
            .ok(expect_str(json, at, "a string"))
            .map(ErrorName::from)
    }
}
