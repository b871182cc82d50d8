//! Any sequence of builder calls ends in a machine or a `BuildError`,
//! never a panic — including handles used in the wrong builder.

use asl_builder::types::Path;
use asl_builder::{
    Catch, FailSpec, PassSpec, StateMachineBuilder, StateRef, Target, TaskSpec, WaitSpec, cond,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Pass(u8),
    Wait(u8),
    Task(u8),
    Succeed(u8),
    Fail(u8),
    Choice(u8),
    Start(usize),
    Next(usize, usize),
    End(usize),
    Catch(usize, usize),
    When(usize, usize),
    Otherwise(usize, usize),
    CloneAndAdd(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::Pass),
        any::<u8>().prop_map(Op::Wait),
        any::<u8>().prop_map(Op::Task),
        any::<u8>().prop_map(Op::Succeed),
        any::<u8>().prop_map(Op::Fail),
        any::<u8>().prop_map(Op::Choice),
        any::<usize>().prop_map(Op::Start),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Next(a, b)),
        any::<usize>().prop_map(Op::End),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Catch(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::When(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Otherwise(a, b)),
        any::<u8>().prop_map(Op::CloneAndAdd),
    ]
}

#[derive(Clone, Copy)]
enum Any {
    State(StateRef),
    Choice(asl_builder::ChoiceRef),
    Terminal(asl_builder::TerminalRef),
}

fn go<T: Target>(sm: &mut StateMachineBuilder, from: StateRef, to: T) {
    sm.next(from, to);
}

proptest! {
    #[test]
    fn builder_calls_never_panic(ops in prop::collection::vec(op(), 0..40)) {
        let mut sm = StateMachineBuilder::new();
        let mut handles: Vec<Any> = Vec::new();
        // Whether each handle was made by `sm` itself (not by a clone of it).
        let mut own: Vec<bool> = Vec::new();
        let mut movers: Vec<StateRef> = Vec::new();
        let mut choices: Vec<asl_builder::ChoiceRef> = Vec::new();
        let mut started = false;
        let pick = |v: usize, len: usize| if len == 0 { None } else { Some(v % len) };
        for op in ops {
            match op {
                Op::Pass(n) => { let h = sm.pass(format!("S{n}"), PassSpec::new()); movers.push(h); handles.push(Any::State(h)); }
                Op::Wait(n) => { let h = sm.wait(format!("S{n}"), WaitSpec::seconds(i64::from(n))); movers.push(h); handles.push(Any::State(h)); }
                Op::Task(n) => { let h = sm.task(format!("S{n}"), TaskSpec::new("arn:aws:states:::sns:publish")); movers.push(h); handles.push(Any::State(h)); }
                Op::Succeed(n) => handles.push(Any::Terminal(sm.succeed(format!("S{n}")))),
                Op::Fail(n) => handles.push(Any::Terminal(sm.fail(format!("S{n}"), FailSpec::new("E", "c")))),
                Op::Choice(n) => { let h = sm.choice(format!("S{n}")); choices.push(h); handles.push(Any::Choice(h)); }
                Op::Start(i) => if let Some(i) = pick(i, handles.len()) {
                    started = own[i]; // the last `start_at` wins
                    match handles[i] { Any::State(h) => { sm.start_at(h); } Any::Choice(h) => { sm.start_at(h); } Any::Terminal(h) => { sm.start_at(h); } }
                },
                Op::Next(a, b) | Op::Catch(a, b) | Op::End(a @ b) => {
                    if let (Some(a), Some(b)) = (pick(a, movers.len()), pick(b, handles.len())) {
                        let from = movers[a];
                        match (&op, handles[b]) {
                            (Op::End(_), _) => { sm.end(from); }
                            (Op::Next(..), Any::State(h)) => go(&mut sm, from, h),
                            (Op::Next(..), Any::Choice(h)) => go(&mut sm, from, h),
                            (Op::Next(..), Any::Terminal(h)) => go(&mut sm, from, h),
                            (_, Any::State(h)) => { sm.catch(from, Catch::all(), h); }
                            (_, Any::Choice(h)) => { sm.catch(from, Catch::all(), h); }
                            (_, Any::Terminal(h)) => { sm.catch(from, Catch::all(), h); }
                        }
                    }
                }
                Op::When(a, b) | Op::Otherwise(a, b) => {
                    if let (Some(a), Some(b)) = (pick(a, choices.len()), pick(b, handles.len())) {
                        let c = choices[a];
                        let when = matches!(op, Op::When(..));
                        let rule = cond::is_present(Path::input().field("x"), true);
                        match handles[b] {
                            Any::State(h) => { if when { sm.when(c, rule, h); } else { sm.otherwise(c, h); } }
                            Any::Choice(h) => { if when { sm.when(c, rule, h); } else { sm.otherwise(c, h); } }
                            Any::Terminal(h) => { if when { sm.when(c, rule, h); } else { sm.otherwise(c, h); } }
                        }
                    }
                }
                Op::CloneAndAdd(n) => {
                    // Handles made in a clone must be reported, not followed.
                    let mut copy = sm.clone();
                    let h = copy.pass(format!("C{n}"), PassSpec::new());
                    movers.push(h);
                    handles.push(Any::State(h));
                    own.push(false);
                }
            }
            own.resize(handles.len(), true);
        }
        match sm.build() {
            Ok(machine) => {
                let text = machine.to_json_string().expect("a built machine serializes");
                prop_assert_eq!(machine, text.parse::<asl_builder::types::StateMachine>().expect("reads back"));
            }
            Err(e) => prop_assert_eq!(
                !started,
                e.to_string().contains("no start state"),
                "{}",
                e
            ),
        }
    }
}
