#!/bin/sh
# Cold-build cost for `build.rs` users (issue 15, goal 5): builds a fresh
# crate whose build script uses asl-builder, once with asl-builder's default
# features (JSONata parsing in `build()`'s validation) and once with
# `default-features = false, features = ["derive"]` (no `jsonata`), each in an empty target
# directory, and prints the wall-clock time and the number of crates
# compiled. The crate is the build-demo's machine (examples/build-demo).
#
#   scripts/bench-build-rs.sh            # both; about two cold builds
#   CARGO_BUILD_JOBS=2 scripts/bench-build-rs.sh
#
# Offline: the crates come from the local registry cache that
# `cargo fetch` filled for the workspace.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for variant in default no-jsonata; do
    crate="$work/$variant"
    mkdir -p "$crate/src"
    if [ "$variant" = default ]; then
        dep="asl-builder = { path = \"$root/asl-builder\" }"
    else
        dep="asl-builder = { path = \"$root/asl-builder\", default-features = false, features = [\"derive\"] }"
    fi
    cat >"$crate/Cargo.toml" <<TOML
[package]
name = "build-rs-user"
version = "0.1.0"
edition = "2024"
publish = false

[workspace]

[build-dependencies]
$dep
TOML
    cp "$root/examples/build-demo/src/machine.rs" "$crate/src/machine.rs"
    cat >"$crate/build.rs" <<'RS'
#[path = "src/machine.rs"]
#[allow(dead_code, unreachable_pub)]
mod machine;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    match machine::train_and_notify() {
        Ok(m) => asl_builder::emit::write_pretty(&m, out.join("m.asl.json")).unwrap(),
        Err(e) => {
            for line in asl_builder::emit::cargo_errors(&e) {
                println!("{line}");
            }
        }
    }
}
RS
    echo 'fn main() {}' >"$crate/src/main.rs"
    cp "$root/Cargo.lock" "$crate/Cargo.lock"
    start=$(date +%s.%N)
    CARGO_TARGET_DIR="$crate/target" cargo build --offline --manifest-path "$crate/Cargo.toml" \
        >"$work/$variant.log" 2>&1 || { cat "$work/$variant.log"; exit 1; }
    end=$(date +%s.%N)
    crates=$(grep -c '^ *Compiling ' "$work/$variant.log")
    printf 'build-rs/%-11s %6.1f s  %3d crates compiled\n' "$variant" "$(echo "$end - $start" | bc)" "$crates"
done
