use asl_builder::{PassSpec, StateMachineBuilder};

fn main() {
    let mut sm = StateMachineBuilder::new();
    let start = sm.pass("Start", PassSpec::new());
    sm.next(start, "Done"); // transitions take handles, not names
}
