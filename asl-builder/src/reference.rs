//! What the builders' Reference Path fields (`ResultPath`, `ItemsPath`,
//! `…SecondsPath`, `MaxConcurrencyPath`) take, and the path mistakes a spec
//! keeps until `build()` reports them with the state and field.

use asl_types::{InvalidPath, Nullable, Path, ReferencePath};

use crate::TypedPath;

/// A value for a Reference Path field of type `Out` (`ReferencePath`, or
/// `Nullable<ReferencePath>` for `ResultPath`):
///
/// - a [`ReferencePath`], e.g. from [`ref_path!`](crate::ref_path) (checked at compile time);
/// - a [`TypedPath<T>`] from `#[derive(TaskInput)]`, a field path;
/// - a [`Path`] (from [`path!`](crate::path) or [`ctx`](crate::ctx)): one that
///   names several nodes is reported by `build()`, naming the state and the field;
/// - for `ResultPath`, also [`Nullable::Null`] (discard the result).
///
/// Text is not accepted: write it with `ref_path!("$.a")`, checked when
/// the program compiles.
///
/// ```
/// use asl_builder::{path, ref_path, StateMachineBuilder, TaskSpec, TaskInput};
/// use asl_builder::types::Nullable;
///
/// #[derive(TaskInput)]
/// struct State { training: Training }
/// #[derive(TaskInput)]
/// struct Training { job_name: String }
///
/// let spec = TaskSpec::new("arn:aws:states:::sns:publish")
///     .result_path(State::path().training())  // a typed path
///     .timeout_seconds_path(ref_path!("$.timeout"));
/// # let _ = spec;
/// let discard = TaskSpec::new("arn:aws:states:::sns:publish").result_path(Nullable::Null);
/// # let _ = discard;
///
/// let mut sm = StateMachineBuilder::new();
/// let t = sm.task("Publish", TaskSpec::new("arn:aws:states:::sns:publish").result_path(path!("$.items[*]")));
/// sm.start_at(t).end(t);
/// let err = sm.build().unwrap_err();
/// assert!(err.to_string().starts_with(
///     "Publish: /States/Publish/ResultPath: `ResultPath`: `$.items[*]` is not a valid path: a Reference Path names a single node"
/// ));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Reference Path",
    note = "use `ref_path!(\"$.a.b\")`, a typed path from `#[derive(TaskInput)]`, or a `Path`"
)]
pub trait IntoReferencePath<Out = ReferencePath> {
    /// The Reference Path, or why this path is not one.
    ///
    /// # Errors
    /// When the path names more than one node (wildcards, `..`, filters,
    /// slices, unions).
    fn into_reference_path(self) -> Result<Out, InvalidPath>;
}

macro_rules! into_reference_path {
    ($(impl$(<$t:ident>)? for $ty:ty;)*) => {$(
        impl$(<$t>)? IntoReferencePath for $ty {
            fn into_reference_path(self) -> Result<ReferencePath, InvalidPath> {
                ReferencePath::try_from(Path::from(self))
            }
        }

        impl$(<$t>)? IntoReferencePath<Nullable<ReferencePath>> for $ty {
            fn into_reference_path(self) -> Result<Nullable<ReferencePath>, InvalidPath> {
                IntoReferencePath::<ReferencePath>::into_reference_path(self).map(Nullable::Value)
            }
        }
    )*};
}
into_reference_path! {
    impl for Path;
    impl<T> for TypedPath<T>;
}

impl IntoReferencePath for ReferencePath {
    fn into_reference_path(self) -> Result<ReferencePath, InvalidPath> {
        Ok(self)
    }
}

impl IntoReferencePath<Nullable<ReferencePath>> for ReferencePath {
    fn into_reference_path(self) -> Result<Nullable<ReferencePath>, InvalidPath> {
        Ok(Nullable::Value(self))
    }
}

impl IntoReferencePath<Nullable<ReferencePath>> for Nullable<ReferencePath> {
    fn into_reference_path(self) -> Result<Nullable<ReferencePath>, InvalidPath> {
        Ok(self)
    }
}

/// Path mistakes a spec met: the JSON field and why; `build()` reports each
/// on its state.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PathErrors(pub(crate) Vec<(&'static str, InvalidPath)>);

impl PathErrors {
    /// Stores `value`'s Reference Path in `slot`, or records why it is not one.
    pub(crate) fn set<Out>(
        &mut self,
        slot: &mut Option<Out>,
        field: &'static str,
        value: impl IntoReferencePath<Out>,
    ) {
        match value.into_reference_path() {
            Ok(path) => *slot = Some(path),
            Err(e) => self.0.push((field, e)),
        }
    }
}
