//! `record!`: declares a model struct once, and derives from that one list
//! its fields, its serializer (fields in the declared order, absent ones
//! skipped) and its reader (unknown fields rejected).

/// ```ignore
/// record! {
///     /// docs
///     pub struct Retrier as "retrier" {
///         /// docs
///         error_equals: req Vec<ErrorName> = "ErrorEquals",
///         interval_seconds: opt i64 = "IntervalSeconds",
///     }
/// }
/// ```
macro_rules! record {
    (
        $(#[$doc:meta])*
        pub struct $name:ident as $what:literal {
            $( $(#[$fdoc:meta])* $field:ident : $kind:ident $ty:ty = $key:literal, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$fdoc])* pub $field: record!(@type $kind $ty), )*
        }

        impl $name {
            /// Reads the fields of this record from `fields`; the caller
            /// calls `finish` to reject the rest.
            #[allow(clippy::needless_update, reason = "one shape for every record")]
            pub(crate) fn read_fields(
                fields: &mut $crate::read::Fields<'_, '_>,
                issues: &mut $crate::read::Issues,
            ) -> Option<Self> {
                $( let $field = record!(@read fields issues $kind $key); )*
                Some($name {
                    $( $field: record!(@take $kind $field), )*
                })
            }

            /// Writes the fields, after an optional `"Type"` tag.
            pub(crate) fn serialize_fields<S: serde::Serializer>(
                &self,
                s: S,
                tag: Option<&'static str>,
            ) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                // serde_json writes `{}` at once for a length of 0: count.
                let len = usize::from(tag.is_some()) $(+ record!(@present self $kind $field))*;
                let mut st = s.serialize_struct(stringify!($name), len)?;
                if let Some(tag) = tag {
                    st.serialize_field("Type", tag)?;
                }
                $( record!(@write st self $kind $field $key); )*
                st.end()
            }
        }

        record!(@new $name [] [] $($field $kind $ty;)*);

        #[cfg(feature = "schema")]
        impl $name {
            /// The schema of this record's object (after a `"Type": tag`
            /// when `tag` is given): its fields, the required ones, no
            /// others.
            #[allow(dead_code, reason = "states use it with their tag")]
            pub(crate) fn schema_object(
                g: &mut schemars::SchemaGenerator,
                tag: Option<&str>,
            ) -> schemars::Schema {
                let mut properties = serde_json::Map::new();
                let mut required: Vec<&str> = Vec::new();
                if let Some(tag) = tag {
                    properties.insert("Type".to_owned(), serde_json::json!({"const": tag}));
                    required.push("Type");
                }
                $(
                    properties.insert($key.to_owned(), g.subschema_for::<$ty>().to_value());
                    record!(@required required $kind $key);
                )*
                schemars::json_schema!({
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": false,
                })
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
            fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                Self::schema_object(g, None)
            }
        }

        impl $crate::read::FromJson for $name {
            fn read(
                json: &$crate::json::Json,
                at: $crate::read::At<'_>,
                issues: &mut $crate::read::Issues,
            ) -> Option<Self> {
                let mut fields = $crate::read::Fields::new(json, at, $what, issues)?;
                let value = Self::read_fields(&mut fields, issues);
                fields.finish(issues);
                value
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::read::deserialize(d)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.serialize_fields(s, None)
            }
        }
    };

    // `new(required…)` when the record has required fields, else `Default`
    // (no record with a required field has a default: an empty `Resource`
    // or `StartAt` is no value).
    (@new $name:ident [] [$($o:ident;)*]) => {
        impl Default for $name {
            fn default() -> Self {
                $name { $($o: None,)* }
            }
        }
    };
    (@new $name:ident [$($p:ident : $t:ty;)+] [$($o:ident;)*]) => {
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with its required fields; the others are absent.")]
            pub fn new($($p: impl Into<$t>),+) -> Self {
                $name { $($p: $p.into(),)+ $($o: None,)* }
            }
        }
    };
    (@new $name:ident [$($p:ident : $t:ty;)*] [$($o:ident;)*] $field:ident req $ty:ty; $($rest:tt)*) => {
        record!(@new $name [$($p : $t;)* $field : $ty;] [$($o;)*] $($rest)*);
    };
    (@new $name:ident [$($p:ident : $t:ty;)*] [$($o:ident;)*] $field:ident opt $ty:ty; $($rest:tt)*) => {
        record!(@new $name [$($p : $t;)*] [$($o;)* $field;] $($rest)*);
    };

    (@required $r:ident req $key:literal) => { $r.push($key) };
    (@required $r:ident opt $key:literal) => {};

    (@type req $ty:ty) => { $ty };
    (@type opt $ty:ty) => { Option<$ty> };

    (@present $self:ident req $field:ident) => { 1 };
    (@present $self:ident opt $field:ident) => { usize::from($self.$field.is_some()) };

    (@read $f:ident $i:ident req $key:literal) => { $f.required($key, $i) };
    (@read $f:ident $i:ident opt $key:literal) => { $f.optional($key, $i) };

    (@take req $field:ident) => { $field? };
    (@take opt $field:ident) => { $field };

    (@write $st:ident $self:ident req $field:ident $key:literal) => {
        $st.serialize_field($key, &$self.$field)?
    };
    (@write $st:ident $self:ident opt $field:ident $key:literal) => {
        if let Some(v) = &$self.$field {
            $st.serialize_field($key, v)?;
        }
    };
}
pub(crate) use record;
