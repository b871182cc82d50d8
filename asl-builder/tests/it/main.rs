//! The builder: handles, query languages, nesting, errors, and parity
//! between the derives and hand-written paths.

mod builder;
mod derive;
mod paths;
mod prop;
