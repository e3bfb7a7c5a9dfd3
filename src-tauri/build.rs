//! Builds the Tauri context and turns `migrations/*.sql` into the list tauri-plugin-sql is given,
//! so the schema has one source.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: a build script binary reused from a cache built in another checkout
    // must still look at this checkout's migrations.
    let dir =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("migrations/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut code = String::from("vec![\n");
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 file name");
        let (version, description) = stem.split_once('_').expect("migrations are NNNN_what.sql");
        let version: i64 = version.parse().expect("a migration starts with its number");
        let abs = path.canonicalize().expect("migration path");
        writeln!(
            code,
            "    tauri_plugin_sql::Migration {{ version: {version}, description: {description:?}, sql: include_str!({:?}), kind: tauri_plugin_sql::MigrationKind::Up }},",
            abs.display().to_string()
        )
        .expect("write to string");
    }
    code.push(']');
    let out =
        std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("migrations.rs");
    std::fs::write(out, code).expect("write migrations.rs");
    tauri_build::build();
}
