use asl_builder::path;

fn main() {
    let _artifacts = path!("$.training.ModelArtifacts.");
}
