//! Helpers shared by the behaviour tests: parse JSON text, run a machine
//! with mocks, and read times out of the execution history.

use std::error::Error;

use asl_test::{Executor, Mock, Outcome};
use asl_types::{Json, StateMachine};

/// What every test returns, so that `?` works on parse and run errors.
pub(crate) type TestResult = Result<(), Box<dyn Error>>;

/// `text` parsed as JSON (panics on a typo in the test itself).
pub(crate) fn json(text: &str) -> Json {
    text.parse()
        .unwrap_or_else(|e| panic!("bad JSON in test: {e}: {text}"))
}

/// Runs `definition` once on `input` with `mocks` and the default options.
pub(crate) fn run(
    definition: &str,
    input: &str,
    mocks: Vec<(&str, Mock)>,
) -> Result<Outcome, Box<dyn Error>> {
    let machine: StateMachine = definition.parse()?;
    let mut executor = Executor::new(&machine);
    for (state, mock) in mocks {
        executor.mock(state, mock);
    }
    Ok(executor.run(json(input))?)
}

/// The output of a run that must have succeeded.
pub(crate) fn output(outcome: &Outcome) -> Json {
    assert!(
        outcome.succeeded(),
        "expected success, got {} ({:?}: {:?})",
        outcome.status,
        outcome.error,
        outcome.cause
    );
    outcome
        .output
        .clone()
        .expect("a succeeded run has an output")
}

/// Milliseconds since the epoch of a history timestamp
/// (`2024-01-01T00:00:02.000Z`), computed by hand so the test does not
/// depend on the executor's own clock code.
pub(crate) fn epoch_ms(timestamp: &str) -> i64 {
    let num = |range: std::ops::Range<usize>| -> i64 {
        timestamp[range]
            .parse()
            .unwrap_or_else(|_| panic!("not a timestamp: {timestamp}"))
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let (hour, minute, second, milli) = (num(11..13), num(14..16), num(17..19), num(20..23));
    // Days from the civil date (H. Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + milli
}

/// The default start time of a run (2024-01-01T00:00:00Z), in milliseconds.
pub(crate) const START_MS: i64 = 1_704_067_200_000;

/// The times (ms since the epoch) of the history events of type `kind`.
pub(crate) fn times_of(outcome: &Outcome, kind: &str) -> Vec<i64> {
    outcome
        .history
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| epoch_ms(&e.timestamp))
        .collect()
}

/// The gaps, in milliseconds, between consecutive `times`.
pub(crate) fn gaps(times: &[i64]) -> Vec<i64> {
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

/// How many history events of type `kind` the run recorded.
pub(crate) fn count_of(outcome: &Outcome, kind: &str) -> usize {
    outcome.history.iter().filter(|e| e.kind == kind).count()
}

#[test]
fn epoch_ms_reads_the_default_start_time() {
    assert_eq!(epoch_ms("2024-01-01T00:00:00.000Z"), START_MS);
    assert_eq!(epoch_ms("2024-01-01T00:00:02.500Z"), START_MS + 2_500);
    assert_eq!(
        epoch_ms("2024-03-01T00:00:00.000Z"),
        START_MS + 60 * 86_400_000
    );
}
