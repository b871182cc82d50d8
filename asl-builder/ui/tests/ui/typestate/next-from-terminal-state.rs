use asl_builder::{PassSpec, StateMachineBuilder};

fn main() {
    let mut sm = StateMachineBuilder::new();
    let start = sm.pass("Start", PassSpec::new());
    let done = sm.succeed("Done");
    sm.start_at(start).next(start, done);
    sm.next(done, start); // a Succeed state has no successor
}
