//! Structure queries on nested machines.

use asl_types::{Scope, ScopeStep, StateMachine, TransitionKind};

fn machine() -> StateMachine {
    r#"{
      "StartAt": "Fan out",
      "States": {
        "Fan out": {
          "Type": "Parallel",
          "Branches": [
            {"StartAt": "Left", "States": {
              "Left": {"Type": "Pass", "Next": "Left done"},
              "Left done": {"Type": "Succeed"}
            }},
            {"StartAt": "Right", "States": {
              "Right": {"Type": "Wait", "Seconds": 1, "End": true}
            }}
          ],
          "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Per item"},
                    {"ErrorEquals": ["States.ALL"], "Next": "Broken"}],
          "Next": "Per item"
        },
        "Per item": {
          "Type": "Map",
          "ItemProcessor": {"StartAt": "Score", "States": {
            "Score": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:score",
                      "Retry": [{"ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3}],
                      "Next": "Loop?"},
            "Loop?": {"Type": "Choice",
                      "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "Score"}],
                      "Default": "Scored"},
            "Scored": {"Type": "Succeed"}
          }},
          "End": true
        },
        "Broken": {"Type": "Fail", "Error": "Broken"}
      }
    }"#
    .parse()
    .unwrap()
}

#[test]
fn every_state_with_its_scope_in_document_order() {
    let m = machine();
    let found: Vec<(String, String)> = m
        .all_states()
        .iter()
        .map(|f| (f.name.to_string(), f.pointer()))
        .collect();
    let expected = [
        ("Fan out", "/States/Fan out"),
        ("Left", "/States/Fan out/Branches/0/States/Left"),
        ("Left done", "/States/Fan out/Branches/0/States/Left done"),
        ("Right", "/States/Fan out/Branches/1/States/Right"),
        ("Per item", "/States/Per item"),
        ("Score", "/States/Per item/ItemProcessor/States/Score"),
        ("Loop?", "/States/Per item/ItemProcessor/States/Loop?"),
        ("Scored", "/States/Per item/ItemProcessor/States/Scored"),
        ("Broken", "/States/Broken"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(found, expected);
    let right = m.state("Right").unwrap();
    assert_eq!(
        right.scope,
        Scope(vec![ScopeStep::Branch {
            state: "Fan out".into(),
            index: 1
        }])
    );
    assert!(m.state("Fan out").unwrap().scope.is_top_level());
    assert!(m.state("Nowhere").is_none());
}

#[test]
fn transitions_name_their_kind() {
    let m = machine();
    let out: Vec<(&str, TransitionKind<'_>)> = m
        .transitions("Fan out")
        .into_iter()
        .map(|t| (t.to.as_str(), t.kind))
        .collect();
    assert_eq!(out.len(), 3);
    assert_eq!(out[0], ("Per item", TransitionKind::Next));
    assert!(matches!(
        out[1],
        ("Per item", TransitionKind::Catch { index: 0, .. })
    ));
    assert!(matches!(
        out[2],
        ("Broken", TransitionKind::Catch { index: 1, .. })
    ));
    // Successors are distinct.
    assert_eq!(m.successors("Fan out"), ["Per item", "Broken"]);
    let choice: Vec<TransitionKind<'_>> =
        m.transitions("Loop?").into_iter().map(|t| t.kind).collect();
    assert_eq!(
        choice,
        [TransitionKind::ChoiceRule(0), TransitionKind::Default]
    );
    assert!(m.transitions("Nowhere").is_empty());
}

#[test]
fn nested_scopes_have_their_own_graph() {
    let m = machine();
    assert_eq!(m.predecessors("Score"), ["Loop?"]);
    assert_eq!(m.predecessors("Left done"), ["Left"]);
    assert_eq!(m.reachable_from("Score"), ["Score", "Loop?", "Scored"]);
    assert!(m.is_reachable("Loop?", "Score"));
    assert!(!m.is_reachable("Fan out", "Score")); // another scope
    // A loop is walked once per path; the bound stops the enumeration.
    let paths = m.paths("Score", "Scored", 10);
    assert_eq!(paths, [vec!["Score", "Loop?", "Scored"]]);
    // `Next` and a catcher both lead to "Per item": one path.
    assert_eq!(
        m.paths("Fan out", "Per item", 10),
        [vec!["Fan out", "Per item"]]
    );
    assert_eq!(
        m.paths("Fan out", "Broken", 10),
        [vec!["Fan out", "Broken"]]
    );
    assert!(m.paths("Fan out", "Broken", 0).is_empty());
    assert!(m.paths("Per item", "Broken", 10).is_empty());
    assert_eq!(m.terminal_states(), ["Per item", "Broken"]);
    assert_eq!(m.state("Score").unwrap().retriers().len(), 1);
    assert!(m.state("Score").unwrap().catchers().is_empty());
    assert_eq!(m.state("Fan out").unwrap().catchers().len(), 2);
}
