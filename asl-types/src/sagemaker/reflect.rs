//! The request shapes as data: each struct's members with their JSON name,
//! Rust field and type, and each enum's values with their variant names —
//! generated with the types themselves, so tools that write Rust for a
//! request (`asl import`) name exactly what exists.
//!
//! ```
//! use asl_types::sagemaker::reflect::{self, TypeInfo};
//!
//! let config = reflect::shape("ResourceConfig").unwrap();
//! assert!(!config.builder);
//! let count = config.member("InstanceCount").unwrap();
//! assert_eq!((count.field, count.required, count.ty), ("instance_count", false, &TypeInfo::Integer));
//! assert_eq!(reflect::variant("TrainingInstanceType", "ml.c4.8xlarge"), Some("MlC48xlarge"));
//! ```

/// A request struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShapeInfo {
    /// The Rust type name (`CreateTrainingJob`, `ResourceConfig`).
    pub type_name: &'static str,
    /// Made with `builder()` (two or more required members) rather than `new(..)`.
    pub builder: bool,
    /// The members, in model order.
    pub members: &'static [MemberInfo],
}

impl ShapeInfo {
    /// The member written `name` in JSON.
    pub fn member(&self, name: &str) -> Option<&'static MemberInfo> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The required members, in model order (the arguments of `new` when
    /// there is one).
    pub fn required(&self) -> impl Iterator<Item = &'static MemberInfo> {
        self.members.iter().filter(|m| m.required)
    }
}

/// A member of a request struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemberInfo {
    /// The JSON name (`InstanceCount`).
    pub name: &'static str,
    /// The Rust field, which is also its setter's name (`instance_count`;
    /// `r#type` for a keyword).
    pub field: &'static str,
    /// Whether the model requires it.
    pub required: bool,
    /// Its type, inside the member's `Value`.
    pub ty: &'static TypeInfo,
}

/// The type of a member (inside its `Value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TypeInfo {
    /// A struct, by Rust name.
    Struct(&'static str),
    /// An enum, by Rust name.
    Enum(&'static str),
    /// `String` (strings, timestamps, base64 data).
    String,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `Number` (floats and doubles, kept as written).
    Number,
    /// `bool`.
    Boolean,
    /// `Vec<Value<T>>`.
    List(&'static TypeInfo),
    /// `DynMap<T>` (string keys).
    Map(&'static TypeInfo),
}

/// An enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnumInfo {
    /// The Rust type name.
    pub type_name: &'static str,
    /// Each value and its variant name, in model order.
    pub values: &'static [(&'static str, &'static str)],
}

/// The struct named `type_name` in Rust.
pub fn shape(type_name: &str) -> Option<&'static ShapeInfo> {
    let all = super::generated::SHAPES;
    all.binary_search_by(|s| s.type_name.cmp(type_name))
        .ok()
        .map(|i| &all[i])
}

/// The enum named `type_name` in Rust.
pub fn enumeration(type_name: &str) -> Option<&'static EnumInfo> {
    let all = super::generated::ENUMS;
    all.binary_search_by(|e| e.type_name.cmp(type_name))
        .ok()
        .map(|i| &all[i])
}

/// The variant of enum `type_name` written `value`; `None` for a value the
/// model does not list (it reads as `Unknown(value)`).
pub fn variant(type_name: &str, value: &str) -> Option<&'static str> {
    enumeration(type_name)?
        .values
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, variant)| *variant)
}
