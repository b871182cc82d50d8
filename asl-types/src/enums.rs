//! The small string enumerations of ASL.

use serde::{Serialize, Serializer};

use crate::json::Json;
use crate::read::{At, FromJson, Issues, expect_str};
use crate::validate::Rule;

/// Declares a string enum whose unknown values are kept (`Unknown(String)`)
/// so a file using a value AWS adds later still round-trips; the validator
/// reports unknown values.
macro_rules! open_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value this crate does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The known values.
            pub const KNOWN: &'static [&'static str] = &[$($text,)*];

            /// The value as written.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Unknown(s) => s,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($text => $name::$variant,)*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl FromJson for $name {
            fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
                issues.ok(expect_str(json, at, "a string")).map($name::from)
            }
        }

        crate::read::deserialize_with_reader!($name);

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string", "enum": $name::KNOWN})
            }
        }
    };
}

/// `QueryLanguage`: how a state (or the whole machine) reads and writes data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QueryLanguage {
    /// `JSONPath` (the default): paths, `.$` keys and intrinsic functions.
    #[default]
    JsonPath,
    /// `JSONata`: `{% … %}` expressions, `Arguments` and `Output`.
    Jsonata,
}

impl QueryLanguage {
    /// `"JSONPath"` or `"JSONata"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

impl Serialize for QueryLanguage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for QueryLanguage {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("QueryLanguage")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "enum": ["JSONPath", "JSONata"]})
    }
}

impl FromJson for QueryLanguage {
    fn read(json: &Json, at: At<'_>, issues: &mut Issues) -> Option<Self> {
        let language = match issues.ok(expect_str(json, at, "a string"))? {
            "JSONPath" => QueryLanguage::JsonPath,
            "JSONata" => QueryLanguage::Jsonata,
            other => {
                return issues.ok(Err(at.issue(
                    Rule::InvalidValue,
                    format!("`{other}` is not a query language: use `JSONPath` or `JSONata`"),
                )));
            }
        };
        issues.saw_query_language(language);
        Some(language)
    }
}

open_enum! {
    /// A retrier's `JitterStrategy`.
    JitterStrategy {
        /// `FULL`: randomize the delay.
        Full => "FULL",
        /// `NONE`: no jitter.
        None => "NONE",
    }
}

open_enum! {
    /// `ProcessorConfig.Mode` of a Map state.
    ProcessorMode {
        /// `INLINE`: iterations run inside this execution.
        Inline => "INLINE",
        /// `DISTRIBUTED`: iterations run as child executions.
        Distributed => "DISTRIBUTED",
    }
}

open_enum! {
    /// `ProcessorConfig.ExecutionType` of a distributed Map state.
    ExecutionType {
        /// `STANDARD` child workflows.
        Standard => "STANDARD",
        /// `EXPRESS` child workflows.
        Express => "EXPRESS",
    }
}

open_enum! {
    /// `ReaderConfig.InputType` of an `ItemReader`.
    InputType {
        /// `CSV`
        Csv => "CSV",
        /// `JSON`
        Json => "JSON",
        /// `JSONL`
        Jsonl => "JSONL",
        /// `MANIFEST` (an S3 inventory manifest)
        Manifest => "MANIFEST",
        /// `PARQUET`
        Parquet => "PARQUET",
    }
}

open_enum! {
    /// `ReaderConfig.CSVHeaderLocation`.
    CsvHeaderLocation {
        /// `FIRST_ROW`
        FirstRow => "FIRST_ROW",
        /// `GIVEN` (headers in `CSVHeaders`)
        Given => "GIVEN",
    }
}

open_enum! {
    /// `ReaderConfig.CSVDelimiter`.
    CsvDelimiter {
        /// `COMMA`
        Comma => "COMMA",
        /// `PIPE`
        Pipe => "PIPE",
        /// `SEMICOLON`
        Semicolon => "SEMICOLON",
        /// `SPACE`
        Space => "SPACE",
        /// `TAB`
        Tab => "TAB",
    }
}

open_enum! {
    /// `WriterConfig.OutputType` of a `ResultWriter`.
    OutputType {
        /// `JSON`
        Json => "JSON",
        /// `JSONL`
        Jsonl => "JSONL",
    }
}

open_enum! {
    /// `WriterConfig.Transformation` of a `ResultWriter`.
    Transformation {
        /// `NONE`
        None => "NONE",
        /// `FLATTEN`
        Flatten => "FLATTEN",
        /// `COMPACT`
        Compact => "COMPACT",
    }
}
