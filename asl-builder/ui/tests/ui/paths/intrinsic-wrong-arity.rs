use asl_builder::{intrinsic, path};

fn main() {
    let _item = intrinsic::array_get_item(path!("$.items"));
}
