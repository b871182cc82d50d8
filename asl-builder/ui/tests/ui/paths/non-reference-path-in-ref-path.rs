use asl_builder::ref_path;

fn main() {
    let _result = ref_path!("$.items[*].id");
}
