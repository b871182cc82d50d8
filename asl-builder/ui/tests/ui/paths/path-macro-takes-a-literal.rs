fn main() {
    let text = "$.a";
    let _p = asl_builder::path!(text);
}
