//! `asl graph`: every corpus file and every example draws, and the drawings
//! parse with the real tools — Graphviz `dot` for DOT, Mermaid's own parser
//! (`scripts/mermaid-check`, under node) for Mermaid.
//!
//! Without a tool, a local run prints a note and checks the rest; in CI
//! (`CI` set, as `.ci/run` runs) a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{asl, corpus, text};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false")
}

/// Whether `tool` can be used; in CI a missing tool is a failure.
fn usable(tool: &str, works: bool, install: &str) -> bool {
    if !works {
        assert!(
            !in_ci(),
            "{tool} is needed in CI to check diagrams: {install}"
        );
        eprintln!("note: {tool} not found, its check is skipped here ({install})");
    }
    works
}

fn dot_usable() -> bool {
    let works = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    usable("Graphviz `dot`", works, "apt-get install graphviz")
}

fn mermaid_check() -> Option<PathBuf> {
    let dir = workspace().join("scripts/mermaid-check");
    let works = dir.join("node_modules/mermaid").is_dir()
        && Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    usable(
        "Mermaid's parser",
        works,
        "npm ci --prefix scripts/mermaid-check",
    )
    .then(|| dir.join("check.mjs"))
}

/// Runs `dot -Tsvg` on `source`; panics with dot's message when it rejects it.
fn dot_accepts(name: &str, source: &str) {
    let out = dot_svg(source);
    assert!(
        out.status.success(),
        "{name}: dot rejected the DOT: {}\n{source}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).trim().is_empty(),
        "{name}: dot warned: {}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("<svg"), "{name}: no SVG");
}

fn dot_svg(source: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(source.as_bytes())
        .expect("write to dot");
    child.wait_with_output().expect("dot finishes")
}

/// Every file `asl graph` must draw: the valid corpus, the committed
/// example outputs, and every example machine written out fresh.
fn all_definitions(dir: &Path) -> Vec<PathBuf> {
    let mut files = corpus("valid");
    for sub in [
        "examples/golden",
        "examples/snapshots",
        "examples/build-demo",
    ] {
        let mut more: Vec<PathBuf> = std::fs::read_dir(workspace().join(sub))
            .expect("examples dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".asl.json"))
            .collect();
        more.sort();
        files.extend(more);
    }
    for (name, build) in examples::ALL {
        let machine = build().unwrap_or_else(|e| panic!("example {name} builds: {e}"));
        let path = dir.join(format!("{name}.asl.json"));
        std::fs::write(&path, machine.to_canonical_string().expect("serializes")).expect("write");
        files.push(path);
    }
    files
}

#[test]
fn every_corpus_file_and_example_draws_in_both_formats_and_the_tools_accept_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let files = all_definitions(tmp.path());
    assert!(files.len() > 80, "{} files", files.len());
    let check_dot = dot_usable();
    let mermaid = mermaid_check();
    let mut mermaid_files = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let path = file.to_str().expect("utf-8 path");
        let dot = asl(&["graph", path, "--format", "dot"], None);
        assert_eq!(dot.status.code(), Some(0), "{path}: {}", text(&dot.stderr));
        let dot = text(&dot.stdout);
        assert!(dot.starts_with("digraph \"state machine\" {\n") && dot.ends_with("}\n"));
        if check_dot {
            dot_accepts(path, &dot);
        }
        let mmd = asl(&["graph", path, "--format", "mermaid"], None);
        assert_eq!(mmd.status.code(), Some(0), "{path}: {}", text(&mmd.stderr));
        let mmd = text(&mmd.stdout);
        mermaid_syntax(path, &mmd);
        let out = tmp.path().join(format!("{i}.mmd"));
        std::fs::write(&out, mmd).expect("write");
        mermaid_files.push(out);
    }
    if let Some(check) = mermaid {
        run_mermaid_check(&check, &mermaid_files);
    }
}

fn run_mermaid_check(check: &Path, files: &[PathBuf]) {
    let out = Command::new("node")
        .arg(check)
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "Mermaid's parser rejected a diagram:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(
        text(&out.stdout).trim(),
        format!("mermaid: {} passed, 0 failed", files.len())
    );
}

/// What can be checked without Mermaid's parser (the real parse runs in
/// CI): the header; ids are generated (`n…`, `start_…`, `stop_…`,
/// `cluster_…`) so no name is an id; every label is one quoted string whose
/// only `"` are its delimiters (names' quotes are `#quot;`); subgraphs are
/// balanced; one statement per line.
fn mermaid_syntax(name: &str, source: &str) {
    let mut lines = source.lines();
    assert_eq!(lines.next(), Some("flowchart TD"), "{name}");
    let mut depth = 0usize;
    for line in lines {
        let line = line.trim_start();
        let id_ok = |id: &str| {
            ["n", "start_", "stop_", "cluster_"]
                .iter()
                .any(|p| id.strip_prefix(p).is_some_and(|rest| !rest.is_empty()))
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        assert_eq!(line.matches('"').count() % 2, 0, "{name}: {line}");
        assert!(!line.contains('\n') && !line.contains('\r'), "{name}");
        if let Some(rest) = line.strip_prefix("subgraph ") {
            depth += 1;
            let (id, title) = rest.split_once(' ').expect("subgraph id and title");
            assert!(id_ok(id), "{name}: {line}");
            assert!(
                title.starts_with("[\"") && title.ends_with("\"]"),
                "{name}: {line}"
            );
            assert_eq!(title.matches('"').count(), 2, "{name}: {line}");
        } else if line == "end" {
            depth = depth.checked_sub(1).expect("balanced subgraphs");
        } else if line.starts_with("class ") || line.starts_with("classDef ") {
        } else {
            let id: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(id_ok(&id), "{name}: {line}");
            let rest = &line[id.len()..];
            let edge = ["-->", "==>", "-.->"]
                .iter()
                .find_map(|a| rest.strip_prefix(&format!(" {a}")));
            if let Some(rest) = edge {
                let target = match rest.strip_prefix("|\"") {
                    Some(labelled) => {
                        let (label, after) = labelled.split_once("\"| ").expect("label end");
                        assert!(!label.contains('"'), "{name}: {line}");
                        after
                    }
                    None => rest.strip_prefix(' ').expect("space before target"),
                };
                assert!(id_ok(target), "{name}: {line}");
            } else {
                assert_eq!(rest.matches('"').count(), 2, "{name}: {line}");
                let open = rest.find('"').expect("label");
                let close = rest.rfind('"').expect("label");
                let shape = (&rest[..open], &rest[close + 1..]);
                assert!(
                    [
                        ("[", "]"),
                        ("{", "}"),
                        ("([", "])"),
                        ("((", "))"),
                        ("(((", ")))")
                    ]
                    .contains(&shape),
                    "{name}: {line}"
                );
            }
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced subgraphs");
}

#[test]
fn names_with_any_character_draw_and_parse() {
    // Quotes, backslashes, Mermaid's and DOT's special characters, HTML,
    // a line break, a tab and a control character.
    let names = [
        r#"say "hi""#,
        r"back\slash\",
        "a;b|c{d}[e](f)",
        "#35; & <b>bold</b> `code` %% comment",
        "end",
        "subgraph",
        "line\nbreak\ttab\u{1}",
        "-->",
        "émoji 🚀 ünïcode",
    ];
    let mut states = serde_json::Map::new();
    for (i, name) in names.iter().enumerate() {
        let mut state = serde_json::json!({"Type": "Pass"});
        match names.get(i + 1) {
            Some(next) => state["Next"] = serde_json::json!(next),
            None => state["End"] = serde_json::json!(true),
        }
        states.insert((*name).to_owned(), state);
    }
    let choice = serde_json::json!({
        "Type": "Choice",
        "Choices": [{"Variable": "$['a\"b']", "StringEquals": "x\"<y>|#", "Next": names[0]}],
        "Default": names[1]
    });
    states.insert("pick \"one\"".to_owned(), choice);
    let machine = serde_json::json!({"StartAt": "pick \"one\"", "States": states});
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("names.asl.json");
    std::fs::write(&file, machine.to_string()).expect("write");
    let path = file.to_str().expect("utf-8");
    let dot = asl(&["graph", path, "--format", "dot"], None);
    assert_eq!(dot.status.code(), Some(0), "{}", text(&dot.stderr));
    let dot = text(&dot.stdout);
    assert!(dot.contains(r#"[label="say \"hi\"\n(Pass)"];"#), "{dot}");
    assert!(dot.contains(r#"[label="back\\slash\\\n(Pass)"];"#), "{dot}");
    assert!(
        dot.contains(r#"[label="line\\nbreak\\ttab\\u{1}\n(Pass)"];"#),
        "{dot}"
    );
    if dot_usable() {
        dot_accepts("names", &dot);
        // The label dot lays out is the name, character for character.
        let svg = text(&dot_svg(&dot).stdout);
        assert!(svg.contains("say &quot;hi&quot;"), "{svg}");
        assert!(svg.contains(r"back\slash\"), "{svg}");
        assert!(svg.contains("&lt;b&gt;bold&lt;/b&gt;"), "{svg}");
    }
    let mmd = asl(&["graph", path], None);
    assert_eq!(mmd.status.code(), Some(0), "{}", text(&mmd.stderr));
    let mmd = text(&mmd.stdout);
    mermaid_syntax("names", &mmd);
    assert!(
        mmd.contains(r#"["say #quot;hi#quot;<br/>(Pass)"]"#),
        "{mmd}"
    );
    if let Some(check) = mermaid_check() {
        let out = tmp.path().join("names.mmd");
        std::fs::write(&out, &mmd).expect("write");
        run_mermaid_check(&check, &[out]);
    }
}

#[test]
fn svg_runs_dot_or_says_how_to_install_it() {
    let file = workspace().join("examples/golden/sagemaker-training.asl.json");
    let path = file.to_str().expect("utf-8");
    let missing = Command::new(env!("CARGO_BIN_EXE_asl"))
        .args(["graph", path, "--format", "svg"])
        .env("ASL_DOT", "/nonexistent/dot")
        .output()
        .expect("asl runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
    let message = text(&missing.stderr);
    assert!(
        message.contains("Graphviz `/nonexistent/dot` was not found")
            && message.contains("apt-get install graphviz")
            && message.contains("--format dot"),
        "{message}"
    );
    if dot_usable() {
        let out = asl(&["graph", path, "--format", "svg"], None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let svg = text(&out.stdout);
        assert!(
            svg.contains("<svg") && svg.contains("SageMaker CreateTrainingJob"),
            "{svg}"
        );
    }
}

#[test]
fn graph_errors_name_the_file() {
    let out = asl(
        &["graph", "-"],
        Some(br#"{"StartAt": "A", "States": {"A": {"Type": "Nope"}}}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("<stdin>: A: /States/A/Type: "),
        "{}",
        text(&out.stderr)
    );
    let out = asl(&["graph", "-"], Some(b"[1]"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "<stdin>: not a JSON object (found an array)\n"
    );
    let out = asl(&["graph", "/nonexistent.asl.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("/nonexistent.asl.json: cannot read: "));
}

/// `docs/mlops-pipeline.dot` is what `asl graph` draws for the example
/// `mlops-pipeline` now, and `docs/mlops-pipeline.svg` is `dot`'s drawing of it
/// (compared byte for byte when this machine's Graphviz is the version
/// that drew it; SVG output differs between Graphviz versions).
#[test]
fn committed_mlops_diagram_is_fresh() {
    let regenerate = "run scripts/diagrams.sh and commit docs/";
    let source = workspace().join("examples/golden/mlops-pipeline.asl.json");
    let out = asl(
        &["graph", source.to_str().expect("utf-8"), "--format", "dot"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(workspace().join("docs/mlops-pipeline.dot"))
        .expect("docs/mlops-pipeline.dot");
    assert_eq!(text(&out.stdout), committed, "{regenerate}");
    let svg = std::fs::read_to_string(workspace().join("docs/mlops-pipeline.svg"))
        .expect("docs/mlops-pipeline.svg");
    if dot_usable() {
        let version = |s: &str| {
            s.split_once("graphviz version ")
                .map(|(_, rest)| rest.split_whitespace().next().unwrap_or("").to_owned())
        };
        let here = Command::new("dot").arg("-V").output().expect("dot -V");
        let here = version(&text(&here.stderr));
        let drawn = version(&svg);
        if here == drawn {
            assert_eq!(text(&dot_svg(&committed).stdout), svg, "{regenerate}");
        } else {
            eprintln!(
                "note: docs/mlops-pipeline.svg was drawn by Graphviz {drawn:?}, this is {here:?}: only the DOT source is compared"
            );
        }
    }
}
