//! Integration tests of asl-types: the corpus round trip, malformed input,
//! error locations.

mod corpus;
mod errors;
mod integrations;
mod placeholders;
mod sagemaker;
#[cfg(feature = "sdk")]
mod sdk;
mod structure;
mod support;
mod validate;
