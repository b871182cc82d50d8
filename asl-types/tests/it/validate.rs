//! The validator against the corpus: every valid file passes, every invalid
//! file breaks exactly the rule its name says.

use std::collections::BTreeSet;

use asl_types::{Json, Report, Rule, StateMachine};

use crate::support::corpus;

/// Reads and validates `bytes` as `asl validate` does: reading problems
/// first, then the validator.
pub(crate) fn report_of(bytes: &[u8]) -> Report {
    let json = Json::from_slice(bytes).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let reading = StateMachine::read_json(&json);
    asl_types::validate::validate_reading(&reading, &asl_types::validate::Options::new())
}

#[test]
fn every_valid_file_passes_without_issues() {
    let mut failures = Vec::new();
    for file in corpus("valid") {
        let report = report_of(&std::fs::read(&file).unwrap());
        if !report.is_empty() {
            failures.push(format!("{}:\n{report}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rules no file can show: a definition nested deeper than the readers
/// accept is not JSON `asl` reads (exit 2); hand-built models test it.
const NOT_IN_FILES: &[Rule] = &[
    Rule::NestingTooDeep,
    Rule::BuilderForeignHandle,
    Rule::BuilderDuplicateState,
    Rule::BuilderNoStartState,
    Rule::BuilderCannotCatch,
    Rule::BuilderSecondTransition,
    // Only when placeholders are denied: tests/it/placeholders.rs.
    Rule::UnresolvedPlaceholder,
];

#[test]
fn every_invalid_file_breaks_exactly_its_rule() {
    // `FILE<TAB>RULE<TAB>POINTER`, written by hand; `-` is the root.
    let table = include_str!("../corpus/invalid/EXPECTED.tsv");
    let expected_pointers: Vec<(&str, &str)> = table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 3, "EXPECTED.tsv: {line}");
            let rule = cells[0].split_once("--").map(|(id, _)| id);
            assert_eq!(rule, Some(cells[1]), "EXPECTED.tsv: {line}");
            (cells[0], if cells[2] == "-" { "" } else { cells[2] })
        })
        .collect();
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    for file in corpus("invalid") {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let Some((id, _)) = name.split_once("--") else {
            failures.push(format!("{name}: not named `<rule-id>--<short>.asl.json`"));
            continue;
        };
        let Some(expected) = Rule::from_id(id) else {
            failures.push(format!("{name}: `{id}` is not a rule id"));
            continue;
        };
        covered.insert(expected);
        // Without the `jsonata` feature only empty expressions are caught.
        if matches!(expected, Rule::JsonataSyntax | Rule::JsonataNotChecked)
            && !cfg!(feature = "jsonata")
        {
            continue;
        }
        let report = report_of(&std::fs::read(&file).unwrap());
        let found: BTreeSet<Rule> = report.issues().iter().map(|i| i.rule).collect();
        if found != BTreeSet::from([expected]) {
            failures.push(format!("{name}: expected only [{id}], found:\n{report}"));
        }
        let pointers: Vec<&str> = report.iter().map(|i| i.pointer.as_str()).collect();
        let want: Vec<&str> = expected_pointers
            .iter()
            .filter(|(file, _)| *file == name)
            .map(|(_, pointer)| *pointer)
            .collect();
        if pointers != want {
            failures.push(format!(
                "{name}: expected pointers {want:?} (EXPECTED.tsv), found {pointers:?}"
            ));
        }
        for issue in report.issues() {
            assert_eq!(issue.severity, issue.rule.severity(), "{name}");
            assert!(
                issue.pointer.is_empty() || issue.pointer.starts_with('/'),
                "{name}: {issue}"
            );
        }
    }
    for rule in Rule::ALL {
        if !covered.contains(rule) && !NOT_IN_FILES.contains(rule) {
            failures.push(format!("no invalid corpus file for `{rule}`"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rules_md_documents_every_rule_with_its_severity() {
    let table = include_str!("../../RULES.md");
    for rule in Rule::ALL {
        let row = format!("| `{}` | {} |", rule.id(), rule.severity());
        assert!(table.contains(&row), "RULES.md lacks `{row}`");
    }
    let rows = table.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(
        rows,
        Rule::ALL.len(),
        "RULES.md has rules that do not exist"
    );
}

mod hand_built {
    //! Machines built in Rust rather than read: anything the types allow,
    //! however deep, is an issue or nothing, never a panic or a stack
    //! overflow.

    use asl_types::{
        Branch, Condition, ItemProcessor, Map, Operand, Operator, Parallel, Pass, Path, Payload,
        Rule, Severity, State, StateMachine, StateName, Task, validate,
    };

    /// Validates on a thread with a small stack, so recursion in the
    /// validator would show; drops the machine on a thread with a large one
    /// (Rust's own drop glue recurses).
    fn check_small_stack(machine: StateMachine) -> Vec<Rule> {
        let rules = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn_scoped(s, || {
                    validate(&machine)
                        .issues()
                        .iter()
                        .map(|i| i.rule)
                        .collect::<Vec<_>>()
                })
                .expect("thread starts")
                .join()
                .expect("validate does not panic")
        });
        std::thread::Builder::new()
            .stack_size(1 << 30)
            .spawn(move || drop(machine))
            .expect("thread starts")
            .join()
            .expect("drop does not panic");
        rules
    }

    fn one_state(state: impl Into<State>) -> StateMachine {
        let mut m = StateMachine::new("", asl_types::States::new());
        m.start_at = StateName::from("A");
        m.states.insert("A".into(), state.into());
        m
    }

    fn end_pass() -> State {
        let mut p = Pass::default();
        p.end = Some(true);
        State::Pass(p)
    }

    #[test]
    fn ten_thousand_nested_parallel_states() {
        let mut inner = end_pass();
        for i in 0..10_000 {
            let mut branch = Branch::new("", asl_types::States::new());
            branch.start_at = StateName::from(format!("S{i}"));
            branch.states.insert(branch.start_at.clone(), inner);
            let mut p = Parallel::new(Vec::new());
            p.branches = vec![branch];
            p.end = Some(true);
            inner = State::Parallel(p);
        }
        let rules = check_small_stack(one_state(inner));
        assert!(rules.contains(&Rule::NestingTooDeep), "{rules:?}");
    }

    #[test]
    fn ten_thousand_nested_map_states() {
        let mut inner = end_pass();
        for i in 0..10_000 {
            let mut processor = ItemProcessor::new("", asl_types::States::new());
            processor.start_at = StateName::from(format!("M{i}"));
            processor.states.insert(processor.start_at.clone(), inner);
            let mut m = Map::default();
            m.item_processor = Some(processor);
            m.end = Some(true);
            inner = State::from(m);
        }
        let rules = check_small_stack(one_state(inner));
        assert!(rules.contains(&Rule::NestingTooDeep), "{rules:?}");
    }

    #[test]
    fn ten_thousand_nested_not_conditions() {
        let mut condition = Condition::compare(
            Path::input().field("x"),
            Operator::IsPresent,
            Operand::Bool(true),
        );
        for _ in 0..10_000 {
            condition = Condition::Not(Box::new(condition));
        }
        let mut choice = asl_types::Choice::new(Vec::new());
        choice.choices = vec![asl_types::ChoiceRule::new(condition, "B")];
        let mut m = one_state(choice);
        m.states
            .insert("B".into(), State::Succeed(asl_types::Succeed::default()));
        let rules = check_small_stack(m);
        assert_eq!(rules, [Rule::NestingTooDeep]);
    }

    #[test]
    fn ten_thousand_nested_payload_arrays_in_a_sagemaker_task() {
        let mut payload = Payload::Null;
        for _ in 0..10_000 {
            payload = Payload::Array(vec![payload]);
        }
        let mut task = Task::new(asl_types::Resource::Other(String::new()));
        task.resource = "arn:aws:states:::sagemaker:createModel".parse().unwrap();
        task.parameters = Some(Payload::object().with("Containers", payload));
        task.end = Some(true);
        let rules = check_small_stack(one_state(task));
        assert_eq!(rules, [Rule::NestingTooDeep]);
    }

    #[test]
    fn a_thousand_nested_intrinsic_calls() {
        use asl_types::{Argument, Intrinsic, IntrinsicFunction};
        let mut call = Intrinsic::new(IntrinsicFunction::Uuid, vec![]);
        for _ in 0..1_000 {
            call = Intrinsic::new(IntrinsicFunction::Array, vec![Argument::Call(call)]);
        }
        let mut pass = Pass::default();
        pass.parameters = Some(Payload::object().with("x", Payload::from(call)));
        pass.end = Some(true);
        let rules = check_small_stack(one_state(pass));
        assert_eq!(rules, [Rule::IntrinsicDepth]);
    }

    #[test]
    fn a_machine_as_deep_as_the_reader_allows_is_not_too_deep() {
        // Find the deepest Parameters the reader accepts, then validate it.
        let mut depth = 0;
        for d in (1..200).rev() {
            let text = format!(
                r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Parameters":{{"x":{}{}}},"End":true}}}}}}"#,
                "[".repeat(d),
                "]".repeat(d)
            );
            if let Ok(m) = text.parse::<StateMachine>() {
                depth = d;
                assert!(validate(&m).is_empty(), "depth {d}: {}", validate(&m));
                break;
            }
        }
        assert!(depth > 100, "{depth}");
    }

    #[test]
    fn size_comes_from_options_or_from_serializing() {
        let m = one_state(end_pass());
        assert!(validate(&m).is_empty());
        let report = asl_types::validate::validate_with(
            &m,
            &asl_types::validate::Options::new().source_len(2 * 1024 * 1024),
        );
        let rules: Vec<Rule> = report.issues().iter().map(|i| i.rule).collect();
        assert_eq!(rules, [Rule::DefinitionTooLarge]);
        assert_eq!(report.issues()[0].state, None);
        let mut big = one_state(end_pass());
        big.comment = Some("x".repeat(1024 * 1024));
        let rules: Vec<Rule> = validate(&big).issues().iter().map(|i| i.rule).collect();
        assert_eq!(rules, [Rule::DefinitionTooLarge]);
    }

    #[test]
    fn nested_jsonata_condition_and_missing_processor() {
        let mut choice = asl_types::Choice::new(Vec::new());
        let inner = Condition::Jsonata("{% true %}".parse().unwrap());
        choice.choices = vec![asl_types::ChoiceRule::new(Condition::And(vec![inner]), "B")];
        let mut m = one_state(choice);
        let mut map = Map::default();
        map.end = Some(true);
        m.states.insert("B".into(), State::from(map));
        let rules: Vec<Rule> = validate(&m).issues().iter().map(|i| i.rule).collect();
        assert_eq!(rules, [Rule::InvalidValue, Rule::MissingField]);
    }

    #[test]
    fn report_separates_errors_and_warnings() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "arn:aws:sns:us-east-1:123456789012:topic", "End": true}}}"#;
        let report = validate(&text.parse().unwrap());
        assert_eq!(report.warnings().count(), 1);
        assert_eq!(report.errors().count(), 0);
        assert!(!report.has_errors());
        assert!(report.is_ok(false));
        assert!(!report.is_ok(true));
        assert_eq!(report.issues()[0].severity, Severity::Warning);
        let with_error = r#"{"StartAt": "A", "States": {"A": {"Type": "Task",
            "Resource": "arn:aws:sns:us-east-1:123456789012:topic", "Next": "Nowhere", "End": true}}}"#;
        let report = validate(&with_error.parse().unwrap());
        assert!(report.has_errors());
        assert!(!report.is_ok(false));
        assert_eq!(report.to_string().lines().count(), report.issues().len());
    }
}
