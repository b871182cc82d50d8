//! Workflow variables: `Assign` in both query languages, when a new value
//! becomes visible, and the scopes of Map and Parallel, as the AWS Step
//! Functions Developer Guide ("Passing data between states with
//! variables") describes them.

use crate::support::{TestResult, json, output, run};

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// "Using workflow variables, you can store data in a step and retrieve
// that data in future steps" — JSONPath: "x.$" takes a path into the
// state's input, and "$x" reads the variable later.
#[test]
fn jsonpath_assign_is_visible_in_later_states() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"x.$": "$.a", "n": 42}, "Next": "Other"},
          "Other": {"Type": "Pass", "Result": {"unrelated": true}, "Next": "Use"},
          "Use": {"Type": "Pass", "Parameters": {"x.$": "$x", "n.$": "$n"}, "End": true}
        }}"#,
        r#"{"a": "from input"}"#,
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"{"x": "from input", "n": 42}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// JSONata: Assign values are "{% … %}" expressions; "$x" reads the
// variable in later states.
#[test]
fn jsonata_assign_is_visible_in_later_states() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"total": "{% $sum($states.input.prices) %}"}, "Next": "Use"},
          "Use": {"Type": "Pass", "Output": "{% {'total': $total} %}", "End": true}
        }}"#,
        r#"{"prices": [1, 2, 3]}"#,
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"{"total": 6}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// Assign and Output are evaluated together, with the variable values the
// state was entered with: a new value is visible from the next state on,
// not in the Output of the state that assigns it.
#[test]
fn output_of_the_assigning_state_sees_the_old_value() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "One", "States": {
          "One": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Two"},
          "Two": {"Type": "Pass", "Assign": {"x": 2}, "Output": "{% {'inTwo': $x} %}", "Next": "Three"},
          "Three": {"Type": "Pass", "Output": "{% $merge([$states.input, {'inThree': $x}]) %}", "End": true}
        }}"#,
        "{}",
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"{"inTwo": 1, "inThree": 2}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// Every expression of one Assign reads the values at state entry: "y"
// gets the old x even though the same Assign sets x.
#[test]
fn assign_expressions_read_the_values_at_state_entry() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "One", "States": {
          "One": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Two"},
          "Two": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"}, "Next": "Three"},
          "Three": {"Type": "Pass", "Output": "{% {'x': $x, 'y': $y} %}", "End": true}
        }}"#,
        "{}",
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"{"x": 2, "y": 1}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// In a JSONPath Task, Assign reads the result ("$" after ResultSelector),
// and, like Output, sees it before ResultPath / OutputPath.
#[test]
fn jsonpath_task_assign_reads_the_selected_result() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Get", "States": {
          "Get": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "ResultSelector": {"rid.$": "$.id"},
                  "Assign": {"saved.$": "$.rid"},
                  "ResultPath": null,
                  "Next": "Use"},
          "Use": {"Type": "Pass", "Parameters": {"s.$": "$saved", "in.$": "$.in"}, "End": true}
        }}"#,
        r#"{"in": 1}"#,
        vec![("Get", asl_test::Mock::returns(json(r#"{"id": 7}"#)))],
    )?;
    assert_eq!(output(&outcome), json(r#"{"s": 7, "in": 1}"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// (Variable scope) The states of a Map iteration can read the variables of
// the outer scope.
#[test]
fn map_iterations_read_outer_variables() -> TestResult {
    let outcome = run(
        r#"{"StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"factor": 10}, "Next": "Each"},
          "Each": {"Type": "Map",
                   "ItemProcessor": {"StartAt": "Use", "States": {"Use": {
                     "Type": "Pass", "Parameters": {"f.$": "$factor", "v.$": "$"}, "End": true}}},
                   "End": true}
        }}"#,
        "[1, 2]",
        vec![],
    )?;
    assert_eq!(
        output(&outcome),
        json(r#"[{"f": 10, "v": 1}, {"f": 10, "v": 2}]"#)
    );
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// (Variable scope) The branches of a Parallel state read the variables of
// the outer scope.
#[test]
fn parallel_branches_read_outer_variables() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "Set", "States": {
          "Set": {"Type": "Pass", "Assign": {"who": "outer"}, "Next": "Both"},
          "Both": {"Type": "Parallel", "Branches": [
                     {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% 'a:' & $who %}", "End": true}}},
                     {"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "{% 'b:' & $who %}", "End": true}}}],
                   "End": true}
        }}"#,
        "{}",
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"["a:outer", "b:outer"]"#));
    Ok(())
}

// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
// (Variable scope) Variables assigned inside a Map iteration belong to that
// iteration's scope: the outer scope does not see them (use Output to pass
// data out of a Map or Parallel).
#[test]
fn assignments_inside_a_map_iteration_do_not_leak_out() -> TestResult {
    let outcome = run(
        r#"{"QueryLanguage": "JSONata", "StartAt": "Each", "States": {
          "Each": {"Type": "Map",
                   "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {
                     "Type": "Pass", "Assign": {"inner": "{% $states.input %}"}, "End": true}}},
                   "Next": "After"},
          "After": {"Type": "Pass", "Output": "{% {'leaked': $exists($inner)} %}", "End": true}
        }}"#,
        "[1, 2]",
        vec![],
    )?;
    assert_eq!(output(&outcome), json(r#"{"leaked": false}"#));
    Ok(())
}
