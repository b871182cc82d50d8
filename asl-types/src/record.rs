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
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$fdoc])* pub $field: record!(@type $kind $ty), )*
        }

        impl $name {
            /// Reads the fields of this record from `fields`; the caller
            /// calls `finish` to reject the rest.
            #[allow(clippy::needless_update, reason = "one shape for every record")]
            pub(crate) fn read(
                fields: &mut $crate::from_json::Fields<'_, '_>,
            ) -> Result<Self, $crate::error::ParseError> {
                Ok($name {
                    $( $field: record!(@read fields $kind $key), )*
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

        impl $crate::from_json::FromJson for $name {
            fn from_json(
                json: &$crate::json::Json,
                at: $crate::error::At<'_>,
            ) -> Result<Self, $crate::error::ParseError> {
                let mut fields = $crate::from_json::Fields::new(json, at, $what)?;
                let value = Self::read(&mut fields)?;
                fields.finish()?;
                Ok(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.serialize_fields(s, None)
            }
        }
    };

    (@type req $ty:ty) => { $ty };
    (@type opt $ty:ty) => { Option<$ty> };

    (@present $self:ident req $field:ident) => { 1 };
    (@present $self:ident opt $field:ident) => { usize::from($self.$field.is_some()) };

    (@read $f:ident req $key:literal) => { $f.required($key)? };
    (@read $f:ident opt $key:literal) => { $f.optional($key)? };

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
