//! Unit tests of the diagram renderers: escaping, shapes, nesting.

use crate::StateMachine;

fn machine(text: &str) -> StateMachine {
    text.parse().expect("test machine reads")
}

#[test]
fn names_with_quotes_backslashes_and_newlines_are_escaped() {
    let m = machine(
        r#"{"StartAt": "a \"b\" \\ c\nd #<&>`", "States": {
          "a \"b\" \\ c\nd #<&>`": {"Type": "Succeed"}
        }}"#,
    );
    let dot = m.to_dot();
    assert!(
        dot.contains(r#"n0 [label="a \"b\" \\ c\\nd #<&>`\n(Succeed)""#),
        "{dot}"
    );
    let mermaid = m.to_mermaid();
    assert!(
        mermaid.contains(r#"n0(["a #quot;b#quot; \ c\nd #35;#lt;#amp;#gt;#96;<br/>(Succeed)"])"#),
        "{mermaid}"
    );
}

#[test]
fn choice_labels_default_and_catch() {
    let m = machine(
        r#"{"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["A", "B"], "Next": "F"}], "Next": "C"},
          "C": {"Type": "Choice", "Choices": [
              {"And": [{"Variable": "$.a", "IsPresent": true},
                       {"Not": {"Variable": "$.b", "StringEquals": "x"}}], "Next": "S"},
              {"Variable": "$.n", "NumericLessThanPath": "$.m", "Next": "S"}
            ], "Default": "F"},
          "S": {"Type": "Succeed"},
          "F": {"Type": "Fail"}
        }}"#,
    );
    let dot = m.to_dot();
    assert!(
        dot.contains(r#"n1 -> n2 [label="$.a is present and not ($.b == \"x\")"];"#),
        "{dot}"
    );
    assert!(dot.contains(r#"n1 -> n2 [label="$.n < $.m"];"#), "{dot}");
    assert!(
        dot.contains(r#"n1 -> n3 [label="default", style=bold];"#),
        "{dot}"
    );
    assert!(
        dot.contains(r##"n0 -> n3 [label="catch A, B", style=dashed, color="#cc3333"];"##),
        "{dot}"
    );
    let mermaid = m.to_mermaid();
    assert!(mermaid.contains(r#"n0 -.->|"catch A, B"| n3"#), "{mermaid}");
    assert!(mermaid.contains(r#"n1 ==>|"default"| n3"#), "{mermaid}");
    assert!(
        mermaid.contains(r#"n1 -->|"$.n #lt; $.m"| n2"#),
        "{mermaid}"
    );
}

#[test]
fn long_conditions_are_shortened() {
    let m = machine(
        r#"{"StartAt": "C", "States": {
          "C": {"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [
            {"Condition": "{% $states.input.some.rather.long.path.to.a.value > 1000000 %}", "Next": "S"}]},
          "S": {"Type": "Succeed"}
        }}"#,
    );
    let dot = m.to_dot();
    let label = "$states.input.some.rather.long.path.to.a.value…";
    assert!(label.chars().count() <= super::MAX_CONDITION);
    assert!(
        dot.contains(&format!("n0 -> n1 [label=\"{label}\"];")),
        "{dot}"
    );
}

#[test]
fn parallel_and_map_nest_their_scopes() {
    let m = machine(
        r#"{"StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}
          ], "Next": "M"},
          "M": {"Type": "Map", "ItemProcessor": {
              "ProcessorConfig": {"Mode": "INLINE"},
              "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
            "End": true}
        }}"#,
    );
    let dot = m.to_dot();
    for needle in [
        "  subgraph cluster_n0 {\n    label=\"P (Parallel)\";",
        "    subgraph cluster_n0_b0 {\n      label=\"branch 1\";",
        "    subgraph cluster_n0_b1 {\n      label=\"branch 2\";",
        "  subgraph cluster_n1 {\n    label=\"M (Map)\";",
        "    subgraph cluster_n1_items {\n      label=\"item processor, INLINE\";",
        "n0 -> start_1 [label=\"branch 1\", style=dotted];",
        "n0 -> start_2 [label=\"branch 2\", style=dotted];",
        "n1 -> start_3 [label=\"each item\", style=dotted];",
        "n2 -> stop_1;",
        "n4 -> stop_3;",
        "n0 -> n1;",
        "n1 -> stop_0;",
    ] {
        assert!(dot.contains(needle), "missing {needle:?} in\n{dot}");
    }
    let mermaid = m.to_mermaid();
    assert!(
        mermaid.contains(
            "  subgraph cluster_n0 [\"P (Parallel)\"]\n    n0[\"P<br/>(Parallel)\"]\n    subgraph cluster_n0_b0 [\"branch 1\"]\n"
        ),
        "{mermaid}"
    );
}

#[test]
fn retry_is_shown_on_the_state() {
    let m = machine(
        r#"{"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                "Retry": [{"ErrorEquals": ["States.Timeout"]},
                          {"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
                "End": true}
        }}"#,
    );
    let dot = m.to_dot();
    assert!(
        dot.contains(
            r#"n0 [label="T\n(Task: arn:aws:lambda:us-east-1:123456789012:function:f)\nretry States.Timeout ×3\nretry States.ALL ×0"];"#
        ),
        "{dot}"
    );
}

#[test]
fn a_missing_target_is_drawn_not_dropped() {
    let m = machine(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#);
    let dot = m.to_dot();
    assert!(
        dot.contains(r#"n1 [label="Nowhere\n(no such state)", style="rounded,dashed""#),
        "{dot}"
    );
    assert!(dot.contains("n0 -> n1;"), "{dot}");
}

#[test]
fn output_is_deterministic() {
    let text = include_str!("../../tests/corpus/valid/051-parallel-in-map-in-parallel.asl.json");
    let (a, b) = (machine(text), machine(text));
    assert_eq!(a.to_dot(), b.to_dot());
    assert_eq!(a.to_mermaid(), b.to_mermaid());
}
