//! Peak memory of `asl validate` (issue 15, goal 4: at most 4× the file's
//! size at 1 MB and 10 MB, and linear): writes definitions of about
//! 100 KB, 1 MB, 10 MB (a chain of SageMaker training tasks) into a
//! temporary directory, runs the `asl` binary on each under
//! `/usr/bin/time -v`, and prints the peak resident set size beside the
//! file's size. The baseline in the same run is `asl validate` of a
//! one-state file: the fixed cost of the process.
//!
//! `cargo bench -p asl-cli --bench memory` (needs GNU time at
//! `/usr/bin/time`; prints a note and exits when it is missing).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// A chain of `n` SageMaker training tasks with two retriers and a catcher.
fn definition(n: usize) -> String {
    let mut out = String::from(r#"{"StartAt":"Train 0","States":{"#);
    for i in 0..n {
        let end = if i + 1 == n {
            r#""End":true"#.to_owned()
        } else {
            format!(r#""Next":"Train {}""#, i + 1)
        };
        write!(
            out,
            r#""Train {i}":{{"Type":"Task","Resource":"arn:aws:states:::sagemaker:createTrainingJob.sync","Parameters":{{"TrainingJobName.$":"States.Format('train-{{}}-{{}}', $$.Execution.Name, $.round)","RoleArn":"arn:aws:iam::123456789012:role/train","AlgorithmSpecification":{{"TrainingImage":"123.dkr.ecr.us-east-1.amazonaws.com/x:1","TrainingInputMode":"File"}},"ResourceConfig":{{"InstanceCount":4,"InstanceType":"ml.c4.8xlarge","VolumeSizeInGB":20}},"HyperParameters":{{"epochs.$":"$.epochs","learning_rate":"0.025","batch_size":"11"}},"OutputDataConfig":{{"S3OutputPath":"s3://bucket/model"}},"StoppingCondition":{{"MaxRuntimeInSeconds":100000}},"InputDataConfig":[{{"ChannelName":"train","DataSource":{{"S3DataSource":{{"S3DataType":"S3Prefix","S3Uri.$":"$.train_uri","S3DataDistributionType":"FullyReplicated"}}}}}}]}},"ResultPath":"$.training","Retry":[{{"ErrorEquals":["SageMaker.AmazonSageMakerException"],"IntervalSeconds":1,"MaxAttempts":100,"BackoffRate":1.1}},{{"ErrorEquals":["States.Timeout","States.TaskFailed"],"IntervalSeconds":5,"MaxAttempts":3,"BackoffRate":2.0}}],"Catch":[{{"ErrorEquals":["States.ALL"],"ResultPath":"$.cause","Next":"Failed"}}],{end}}},"#
        )
        .expect("writes to a string");
    }
    out.push_str(r#""Failed":{"Type":"Fail","Error":"TrainingFailed"}}}"#);
    out
}

/// Peak RSS in bytes of `asl validate FILE`, from GNU time's report.
fn peak_rss(asl: &str, file: &Path) -> u64 {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(asl)
        .args(["validate", "--allow", "definition-too-large"])
        .arg(file)
        .output()
        .expect("runs /usr/bin/time");
    let report = String::from_utf8_lossy(&out.stderr);
    let kib: u64 = report
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in GNU time's report:\n{report}"));
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "asl validate failed on {}:\n{report}",
        file.display()
    );
    kib * 1024
}

#[allow(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
fn main() {
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("memory bench: /usr/bin/time (GNU time) is missing; nothing measured");
        return;
    }
    let asl = env!("CARGO_BIN_EXE_asl");
    let dir = std::env::temp_dir().join(format!("asl-memory-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates a temporary directory");
    let per_state = definition(2).len() - definition(1).len();
    let base_file = dir.join("one.asl.json");
    std::fs::write(&base_file, definition(1)).expect("writes");
    let base = peak_rss(asl, &base_file);
    println!(
        "memory/baseline (one state, {} bytes): peak RSS {:.1} MiB",
        definition(1).len(),
        mib(base)
    );
    println!(
        "{:>12} {:>14} {:>14} {:>10} {:>18}",
        "target", "file bytes", "peak RSS", "RSS/file", "(RSS-base)/file"
    );
    for (label, bytes) in [("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let text = definition((bytes / per_state).max(1));
        let file = dir.join(format!("{label}.asl.json"));
        std::fs::write(&file, &text).expect("writes");
        let rss = peak_rss(asl, &file);
        let len = text.len() as f64;
        let (ratio, above) = (rss as f64 / len, rss.saturating_sub(base) as f64 / len);
        println!(
            "memory/{label:<6} {:>14} {:>11.1} MiB {:>9.2}x {:>17.2}x",
            text.len(),
            mib(rss),
            ratio,
            above
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[allow(clippy::cast_precision_loss)] // sizes far below 2^52
fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
