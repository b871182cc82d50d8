//! Rendering the four examples of the AWS page "Create and manage SageMaker
//! jobs with Step Functions" (`examples/src/docs.rs`), each in its
//! JSONPath and its JSONata form: `render/NAME` is the builder code,
//! `build()` (which validates) and `to_json_string`; `serde_json/NAME`,
//! the baseline in the same run, is `serde_json::to_string` of the same
//! machine as a prebuilt `serde_json::Value` (issue 15, goal 2: at most 3×).
//!
//! `cargo bench -p examples --bench render`.

use std::hint::black_box;

use asl_builder::types::QueryLanguage;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use examples::docs;

type Example = fn(QueryLanguage) -> Result<asl_builder::Built, asl_builder::BuildError>;

const EXAMPLES: [(&str, Example); 4] = [
    ("transform", docs::transform),
    ("training", docs::training),
    ("labeling", docs::labeling),
    ("processing", docs::processing),
];

fn bench(c: &mut Criterion) {
    for (language, suffix) in [
        (QueryLanguage::JsonPath, ""),
        (QueryLanguage::Jsonata, "-jsonata"),
    ] {
        for (name, example) in EXAMPLES {
            let id = format!("{name}{suffix}");
            let built = example(language).expect("the documented example builds");
            let text = built.to_json_string().expect("serializes");
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(serde_json::to_string(&value).expect("serializes"), text);
            let mut group = c.benchmark_group("render");
            group.bench_function(BenchmarkId::new("asl", &id), |b| {
                b.iter(|| {
                    let built = example(black_box(language)).expect("builds");
                    black_box(built.to_json_string().expect("serializes"))
                });
            });
            group.bench_function(BenchmarkId::new("serde_json", &id), |b| {
                b.iter(|| black_box(serde_json::to_string(black_box(&value)).expect("serializes")));
            });
            group.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
