//! `aslprof WHAT N K`: does WHAT K times on an input of size N (see
//! `docs/performance.md`). `scripts/instructions.sh` runs it under callgrind
//! with K and with 0 repetitions and divides the difference by K, so that
//! making the input is not counted.

#[path = "../../../asl-types/benches/common/mod.rs"]
mod common;

use std::hint::black_box;

use asl_builder::types::QueryLanguage;
use asl_types::StateMachine;

type Example = fn(QueryLanguage) -> Result<asl_builder::Built, asl_builder::BuildError>;

/// The four machines of AWS's SageMaker example page, as the examples crate builds them.
const DOCUMENTED: [Example; 4] = [
    examples::docs::transform,
    examples::docs::training,
    examples::docs::labeling,
    examples::docs::processing,
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(what), Some(n), Some(reps)) = (
        args.get(1).map(String::as_str),
        args.get(2).and_then(|s| s.parse::<usize>().ok()),
        args.get(3).and_then(|s| s.parse::<usize>().ok()),
    ) else {
        eprintln!(
            "usage: aslprof validate|serialize|read|read_deep|read_sj|read_sj_deep|render|render_sj N K"
        );
        std::process::exit(2);
    };
    match what {
        // Goal 1: a chain of N training tasks, validated or serialized.
        "validate" | "serialize" => {
            let machine: StateMachine = common::training_chain(n).parse().expect("reads");
            for _ in 0..reps {
                if what == "validate" {
                    black_box(asl_types::validate(black_box(&machine)));
                } else {
                    black_box(serde_json::to_vec(black_box(&machine)).expect("writes"));
                }
            }
        }
        // Goal 3: N bytes of text, flat or 100 deep, read by asl or as a serde_json Value.
        "read" | "read_deep" | "read_sj" | "read_sj_deep" => {
            let text = if what.ends_with("deep") {
                common::deep(n, 100)
            } else {
                common::flat(n)
            };
            for _ in 0..reps {
                if what.starts_with("read_sj") {
                    black_box(
                        serde_json::from_str::<serde_json::Value>(black_box(&text)).expect("reads"),
                    );
                } else {
                    black_box(black_box(&text).parse::<StateMachine>().expect("reads"));
                }
            }
        }
        // Goal 2: the four documented examples built and written (N unused).
        "render" => {
            for _ in 0..reps {
                for build in DOCUMENTED {
                    let machine = build(QueryLanguage::JsonPath).expect("builds");
                    black_box(machine.to_json_string().expect("writes"));
                }
            }
        }
        "render_sj" => {
            let values: Vec<serde_json::Value> = DOCUMENTED
                .iter()
                .map(|build| {
                    serde_json::to_value(build(QueryLanguage::JsonPath).expect("builds"))
                        .expect("converts")
                })
                .collect();
            for _ in 0..reps {
                for value in &values {
                    black_box(serde_json::to_string(black_box(value)).expect("writes"));
                }
            }
        }
        _ => {
            eprintln!("aslprof: unknown operation `{what}`");
            std::process::exit(2);
        }
    }
}
