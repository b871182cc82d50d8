use asl_builder::StateMachineBuilder;

fn main() {
    let mut sm = StateMachineBuilder::new();
    let choose = sm.choice("Choose");
    let done = sm.succeed("Done");
    sm.next(choose, done); // a Choice state moves on by rules, not `Next`
}
