//! The AWS-documented SageMaker examples and larger pipelines, written with
//! `asl-builder`. `cargo run -p examples -- DIR` writes them all into DIR.

pub mod docs;
pub mod mlops;
pub mod pipelines;

/// The workspace README's examples, compiled and run as doc tests (here,
/// where every crate they use is a dependency).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

use asl_builder::types::QueryLanguage;
use asl_builder::{BuildError, Built};

/// A builder function and the file stem it is written under.
pub type Example = (&'static str, fn() -> Result<Built, BuildError>);

/// Every example, by file stem (`NAME.asl.json`).
pub const ALL: &[Example] = &[
    ("sagemaker-transform", || {
        docs::transform(QueryLanguage::JsonPath)
    }),
    ("sagemaker-transform-jsonata", || {
        docs::transform(QueryLanguage::Jsonata)
    }),
    ("sagemaker-training", || {
        docs::training(QueryLanguage::JsonPath)
    }),
    ("sagemaker-training-jsonata", || {
        docs::training(QueryLanguage::Jsonata)
    }),
    ("sagemaker-labeling", || {
        docs::labeling(QueryLanguage::JsonPath)
    }),
    ("sagemaker-labeling-jsonata", || {
        docs::labeling(QueryLanguage::Jsonata)
    }),
    ("sagemaker-processing", || {
        docs::processing(QueryLanguage::JsonPath)
    }),
    ("sagemaker-processing-jsonata", || {
        docs::processing(QueryLanguage::Jsonata)
    }),
    ("train-and-deploy", pipelines::train_and_deploy),
    ("batch-inference", pipelines::batch_inference),
    ("mlops-pipeline", mlops::mlops_pipeline),
    ("mlops-pipeline-jsonata", mlops::mlops_pipeline_jsonata),
];
