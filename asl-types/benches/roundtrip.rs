//! Reading and writing definitions, each beside a `serde_json` baseline
//! measured in the same run on the same text:
//!
//! - `read/asl` reads text into the typed model (`StateMachine::from_str`:
//!   exact numbers, duplicate-key and depth checks, every field typed);
//!   `read/exact_json` is its first half alone (text into `Json`, numbers
//!   as written); `read/serde_json` reads the same text into a
//!   `serde_json::Value`.
//! - `write/asl` serializes the model; `write/serde_json` serializes the
//!   equivalent `serde_json::Value`.
//!
//! - `read_flat/asl/SIZE` and `read_deep/asl/SIZE` beside
//!   `…/serde_json/SIZE`: reading definitions of about 1 KB, 100 KB and
//!   1 MB, flat (SageMaker training tasks, nesting at most six levels) and
//!   100 levels deep (issue 15, goal 3: at most 2× `serde_json`).
//!
//! `cargo bench -p asl-types --bench roundtrip`.

mod common;

use std::hint::black_box;

use asl_types::StateMachine;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    // 1250 tasks: about 1.3 MB of JSON, the size of a big generated pipeline.
    for n in [100, 1250] {
        let text = common::training_chain(n);
        let machine: StateMachine = text.parse().expect("valid definition");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");

        let mut read = c.benchmark_group("read");
        read.throughput(Throughput::Bytes(text.len() as u64));
        read.bench_with_input(BenchmarkId::new("asl", n), &text, |b, t| {
            b.iter(|| black_box(t.parse::<StateMachine>().expect("parses")));
        });
        read.bench_with_input(BenchmarkId::new("exact_json", n), &text, |b, t| {
            b.iter(|| black_box(t.parse::<asl_types::Json>().expect("parses")));
        });
        read.bench_with_input(BenchmarkId::new("serde_json", n), &text, |b, t| {
            b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(t).expect("parses")));
        });
        read.finish();

        let mut write = c.benchmark_group("write");
        write.throughput(Throughput::Bytes(text.len() as u64));
        write.bench_with_input(BenchmarkId::new("asl", n), &machine, |b, m| {
            b.iter(|| black_box(m.to_json_string().expect("serializes")));
        });
        write.bench_with_input(BenchmarkId::new("serde_json", n), &value, |b, v| {
            b.iter(|| black_box(serde_json::to_string(v).expect("serializes")));
        });
        write.finish();
    }
}

/// Goal 3 of issue 15: reading, flat and deep, at three sizes.
fn bench_sizes(c: &mut Criterion) {
    for (shape, make) in [
        ("read_flat", common::flat as fn(usize) -> String),
        ("read_deep", |bytes| common::deep(bytes, 100)),
    ] {
        for (label, bytes) in [("1KB", 1_000), ("100KB", 100_000), ("1MB", 1_000_000)] {
            let text = make(bytes);
            let _: StateMachine = text.parse().expect("valid definition");
            let mut read = c.benchmark_group(shape);
            read.throughput(Throughput::Bytes(text.len() as u64));
            read.bench_with_input(BenchmarkId::new("asl", label), &text, |b, t| {
                b.iter(|| black_box(t.parse::<StateMachine>().expect("parses")));
            });
            read.bench_with_input(BenchmarkId::new("serde_json", label), &text, |b, t| {
                b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(t).expect("parses")));
            });
            read.finish();
        }
    }
}

criterion_group!(benches, bench, bench_sizes);
criterion_main!(benches);
