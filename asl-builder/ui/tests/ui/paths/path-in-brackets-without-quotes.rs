fn main() {
    let _name = asl_builder::path!("$.jobs[name]");
}
