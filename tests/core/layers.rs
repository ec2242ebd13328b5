//! The layers of docs/DESIGN.md §1, checked: every module of the core imports only modules
//! of its own layer or below, so the core has no circle and knows nothing of the command
//! line or the app. A `use crate::…` (or a path `crate::…`, or `super::…` that leaves the
//! module) to a module above fails this test with the file and line.

use std::path::{Path, PathBuf};

/// The top-level modules from the bottom up. A module may use its own layer and the ones
/// before it; `cli` and `app` are the top and never use each other.
const LAYERS: &[&[&str]] = &[
    &["model", "rng"],
    &["error"],
    &["records"],
    &["store"],
    &["diagnostics"],
    &["graph"],
    &["layout"],
    &["privacy"],
    &["words"],
    &["exchange"],
    &["demo"],
    &["cli"],
    &["app"],
];

/// Inside a layer: a file that may not use a sibling (the formats never use what
/// assembles an export from them).
const WITHIN: &[(&str, &str)] = &[
    ("exchange/csv.rs", "exchange::snapshot"),
    ("exchange/json.rs", "exchange::snapshot"),
    ("exchange/graphml.rs", "exchange::snapshot"),
    ("exchange/gexf.rs", "exchange::snapshot"),
    ("exchange/picture.rs", "exchange::snapshot"),
    ("exchange/inzage.rs", "exchange::snapshot"),
    ("exchange/mod.rs", "exchange::snapshot"),
    ("app/filters.rs", "app::canvas"),
    ("app/mesh.rs", "app::canvas"),
];

/// Modules that may use fewer layers than their place allows: the analyses and the layout
/// work on a network in memory (their callers load and save it), and the privacy rules are
/// rules about the model, whatever stores or shows it.
const ONLY: &[(&str, &[&str])] = &[
    ("graph", &["model", "rng", "graph"]),
    ("layout", &["model", "rng", "graph", "layout"]),
    ("privacy", &["model", "privacy"]),
];

/// Crates of the screen and the command line, which the core never names.
const FRONT_CRATES: &[&str] = &["clap", "egui", "eframe", "rfd", "egui_kittest"];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The Rust files under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module path of a file under src/: `store/privacy.rs` is ["store", "privacy"],
/// `store/mod.rs` is ["store"], `lib.rs` is [].
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code of a file without comments and without its test module (tests may build
/// fixtures from anything: they are not part of the layer).
fn code_of(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_block_comment = false;
    let all: Vec<&str> = text.lines().collect();
    for (i, line) in all.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed == "#[cfg(test)]"
            && all
                .get(i + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod tests"))
        {
            break;
        }
        if in_block_comment {
            if trimmed.contains("*/") {
                in_block_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("/*") {
            in_block_comment = !trimmed.contains("*/");
            continue;
        }
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        lines.push((i + 1, code.to_owned()));
    }
    lines
}

/// The crate-level paths (two names, like `store::privacy` or `demo::FILE_NAME`) a line of code names,
/// with `super::` resolved against `module`.
fn references(code: &str, module: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let words: Vec<char> = code.chars().collect();
    let text: String = words.iter().collect();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let (path, used) = if let Some(after) = rest.strip_prefix("crate::") {
            (Vec::new(), after)
        } else if rest.starts_with("super::") {
            let mut up = 0;
            let mut after = rest;
            while let Some(more) = after.strip_prefix("super::") {
                up += 1;
                after = more;
            }
            if up > module.len() {
                at += 1;
                continue;
            }
            (module[..module.len() - up].to_vec(), after)
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // Not part of a longer name (`mycrate::`).
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            at += 1;
            continue;
        }
        let consumed = rest.len() - used.len();
        if let Some(group) = used.strip_prefix('{') {
            // `use crate::{a, b::c}`: each first name in the group.
            let inner: String = group.chars().take_while(|&c| c != '}').collect();
            for item in inner.split(',') {
                let names: Vec<&str> = item.trim().split("::").map(str::trim).collect();
                let mut full = path.clone();
                full.extend(names.iter().map(|s| s.to_string()));
                full.truncate(2);
                found.push(full.join("::"));
            }
        } else {
            let names: Vec<String> = used
                .split("::")
                .take(2)
                .map(|s| {
                    s.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect()
                })
                .collect();
            let mut full = path.clone();
            full.extend(names.into_iter().filter(|s| !s.is_empty()));
            full.truncate(2);
            found.push(full.join("::"));
        }
        at += consumed;
    }
    found
}

/// Every import of a module above the importing one, as "file:line: what".
fn violations(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap().to_path_buf();
        let module = module_of(&relative);
        let Some(own) = module.first() else {
            continue; // lib.rs and main.rs tie everything together.
        };
        let Some(own_rank) = rank(own) else {
            found.push(format!(
                "{}: a module in no layer of tests/layers.rs",
                relative.display()
            ));
            continue;
        };
        let shown = relative.display().to_string().replace('\\', "/");
        let core = own_rank < rank("cli").unwrap();
        for (line, code) in code_of(&std::fs::read_to_string(&file).unwrap()) {
            if core {
                for front in FRONT_CRATES {
                    let named = code.match_indices(&format!("{front}::")).any(|(at, _)| {
                        !code[..at]
                            .chars()
                            .next_back()
                            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                    });
                    if named {
                        found.push(format!("src/{shown}:{line}: {own} names the crate {front}"));
                    }
                }
            }
            for used in references(&code, &module) {
                let top = used.split("::").next().unwrap_or_default();
                let Some(used_rank) = rank(top) else {
                    continue; // a name in the crate root (a re-export) or a std path
                };
                let crosses_top = (own == "cli" && top == "app") || (own == "app" && top == "cli");
                let beyond_own = ONLY
                    .iter()
                    .any(|(module, allowed)| own == module && !allowed.contains(&top));
                if used_rank > own_rank || crosses_top || beyond_own {
                    found.push(format!("src/{shown}:{line}: {own} uses {used}"));
                }
                for (from, banned) in WITHIN {
                    if shown == *from && used.starts_with(banned) {
                        found.push(format!("src/{shown}:{line}: uses {used} (above it)"));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_core_module_imports_a_module_above_it() {
    // LAYERS_SRC checks another tree (an older commit's src/, say).
    let src = std::env::var_os("LAYERS_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_layer_check_finds_an_import_from_above() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("store")).unwrap();
    std::fs::create_dir_all(src.join("exchange")).unwrap();
    std::fs::write(
        src.join("store/mod.rs"),
        "//! uses crate::app in a comment only\nuse crate::{model::Node, demo::FILE_NAME};\n",
    )
    .unwrap();
    std::fs::write(
        src.join("model.rs"),
        "fn f() { let _ = super::store::Store::open; }\n#[cfg(test)]\nmod tests {\n use crate::app::X;\n}\n",
    )
    .unwrap();
    std::fs::write(
        src.join("exchange/json.rs"),
        "use super::snapshot::export;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("cli.rs"),
        "fn f() { crate::app::run(None, None); }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("privacy.rs"),
        "use crate::model::Node;\nuse crate::store::privacy::Inzage;\n#[derive(clap::ValueEnum)]\nenum E {}\n",
    )
    .unwrap();
    let found = violations(src);
    assert_eq!(
        found,
        [
            "src/cli.rs:1: cli uses app::run",
            "src/exchange/json.rs:1: uses exchange::snapshot (above it)",
            "src/model.rs:1: model uses store::Store",
            "src/privacy.rs:2: privacy uses store::privacy",
            "src/privacy.rs:3: privacy names the crate clap",
            "src/store/mod.rs:2: store uses demo::FILE_NAME",
        ],
        "{found:#?}"
    );
}

#[test]
fn every_module_of_the_crate_is_in_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
        {
            let name = name.trim_end_matches(';');
            assert!(rank(name).is_some(), "{name} is in no layer");
        }
    }
}

/// The map of files in docs/DESIGN.md §1: the block after "The files as they are".
fn design_map() -> String {
    let design =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/DESIGN.md"))
            .unwrap();
    let start = design
        .find("The files as they are")
        .expect("DESIGN has its map of files");
    let end = design[start..]
        .find("\n## ")
        .map_or(design.len(), |e| start + e);
    design[start..end].to_owned()
}

#[test]
fn designs_map_of_files_names_every_source_file_and_only_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = design_map();
    let mut names: Vec<String> = Vec::new();
    for dir in ["src", "tests"] {
        for file in rust_files(&root.join(dir)) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            names.push(name.clone());
            if dir == "src" {
                assert!(
                    map.contains(&name),
                    "docs/DESIGN.md's map of files does not name {}",
                    file.display()
                );
            }
        }
    }
    for word in map.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '*')) {
        if let Some(stem) = word.strip_suffix(".rs")
            && !stem.contains('*')
            && !stem.is_empty()
        {
            assert!(
                names.iter().any(|n| n == word),
                "docs/DESIGN.md's map names {word}, which is no file"
            );
        }
    }
}
