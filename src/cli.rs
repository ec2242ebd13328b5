//! The command line (DESIGN §5): subcommands over the core, with stable JSON output and exit
//! codes 0 (success), 1 (the user's error: bad input, refused database) and 2 (ours).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::{InputError, StoreError};
use crate::exchange::{self, ExportFormat};
use crate::store::{OpenMode, Stats, Store};

/// wijkweb: map the network of a wijk: who knows whom, and via whom.
#[derive(Debug, Parser)]
#[command(name = "wijkweb", version, about, long_about = None)]
pub struct Cli {
    /// The database file (default: wijk.sqlite in the user's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// What to do; without one, wijkweb opens the default wijk.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a .json snapshot or a nodes.csv + relations.csv pair, all or nothing.
    Import {
        /// The files to import, in one transaction.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the wijk as a JSON snapshot or a CSV pair.
    Export {
        /// The format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file (json) or folder (csv) to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Count nodes and relations.
    Stats {
        /// Print JSON: {"nodes","relations","persons","organisations","initiatives"}.
        #[arg(long)]
        json: bool,
    },
    /// Check the database: integrity, schema version, counts.
    Check {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Why a command failed, and whose fault that is.
#[derive(Debug)]
pub enum Failure {
    /// The user's: exit code 1.
    User(String),
    /// Ours: exit code 2.
    Internal(String),
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Self {
        if err.is_user_error() {
            Self::User(err.to_string())
        } else {
            Self::Internal(err.to_string())
        }
    }
}

impl From<InputError> for Failure {
    fn from(err: InputError) -> Self {
        Self::User(err.to_string())
    }
}

/// Parses `args` and runs the command, printing errors to stderr; returns the exit code.
pub fn main<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 1 } else { 0 };
            // Printing help or a usage error; nothing else to do if stdout is gone.
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::User(message)) => {
            eprintln!("wijkweb: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Internal(message)) => {
            eprintln!("wijkweb: internal error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The default database: `wijk.sqlite` in the user's data folder
/// (`~/.local/share/wijkweb/` on Linux).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "wijkweb", "wijkweb")
        .map(|dirs| dirs.data_dir().join("wijk.sqlite"))
}

fn output_error(err: std::io::Error) -> Failure {
    Failure::Internal(format!("cannot write the output: {err}"))
}

/// Runs a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let Cli { db, command } = cli;
    let Some(command) = command else {
        return open_default(db, out);
    };
    let db = match db {
        Some(db) => db,
        None => default_db_path().ok_or_else(|| {
            Failure::User("no --db FILE given and no data folder known for this user".into())
        })?,
    };
    match command {
        Command::Import { inputs, json } => import(&db, &inputs, json, out),
        Command::Export { format, out: path } => export(&db, format, &path, out),
        Command::Stats { json } => {
            let store = Store::open(&db, OpenMode::ReadOnly)?;
            let stats = store.stats()?;
            if json {
                print_json(out, &stats)
            } else {
                print_stats(out, &stats)
            }
        }
        Command::Check { json } => {
            let store = Store::open(&db, OpenMode::ReadOnly)?;
            let report = store.check()?;
            if json {
                print_json(out, &report)?;
            } else {
                writeln!(
                    out,
                    "{}\nintegrity: {}\nschema version: {}\naudit log: {} rows\nrelations with a missing end: {}",
                    db.display(),
                    report.integrity.join("; "),
                    report.schema_version,
                    report.audit_rows,
                    report.foreign_key_problems,
                )
                .map_err(output_error)?;
                print_stats(out, &report.stats)?;
            }
            if report.is_ok() {
                Ok(())
            } else {
                Err(Failure::User(format!(
                    "{}: the database is damaged ({})",
                    db.display(),
                    report.integrity.join("; ")
                )))
            }
        }
    }
}

fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Failure::Internal(e.to_string()))?;
    writeln!(out).map_err(output_error)
}

fn print_stats(out: &mut dyn Write, stats: &Stats) -> Result<(), Failure> {
    writeln!(
        out,
        "nodes: {} (persons {}, organisations {}, initiatives {})\nrelations: {}",
        stats.nodes, stats.persons, stats.organisations, stats.initiatives, stats.relations
    )
    .map_err(output_error)
}

fn import(db: &Path, inputs: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    // Parse everything before the database is touched: a bad file never opens it.
    let batch = exchange::read_inputs(inputs)?;
    let mut store = Store::open(db, OpenMode::CreateIfMissing)?;
    let report = store.import(batch)?;
    if json {
        return print_json(out, &report);
    }
    writeln!(
        out,
        "imported into {}: {} nodes added, {} updated; {} relations added, {} updated",
        db.display(),
        report.nodes_added,
        report.nodes_updated,
        report.relations_added,
        report.relations_updated
    )
    .map_err(output_error)
}

fn export(
    db: &Path,
    format: ExportFormat,
    path: &Path,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = Store::open(db, OpenMode::Existing)?;
    let (nodes, relations) = store.load()?;
    let written = match format {
        ExportFormat::Json => exchange::write_atomically(path, |w| {
            exchange::json::write_snapshot(w, &nodes, &relations)
        }),
        ExportFormat::Csv => exchange::csv::write_pair(path, &nodes, &relations),
    };
    written
        .map_err(|e| Failure::User(format!("{}: cannot write the export: {e}", path.display())))?;
    let persons = nodes
        .iter()
        .filter(|n| n.kind == crate::model::NodeKind::Person)
        .count();
    store.log_action(
        "export",
        &serde_json::json!({
            "format": format!("{format:?}").to_lowercase(),
            "out": path.display().to_string(),
            "nodes": nodes.len(),
            "relations": relations.len(),
            "persons": persons,
            "pseudonymised": false,
        }),
    )?;
    writeln!(
        out,
        "exported {} nodes and {} relations to {}",
        nodes.len(),
        relations.len(),
        path.display()
    )
    .map_err(output_error)
}

/// No subcommand: make sure the default wijk exists (the demo on a first run) and say what
/// it holds. The desktop app will open here once it exists.
fn open_default(db: Option<PathBuf>, out: &mut dyn Write) -> Result<(), Failure> {
    let (path, is_default) = match db {
        Some(db) => (db, false),
        None => (
            default_db_path().ok_or_else(|| {
                Failure::User("no --db FILE given and no data folder known for this user".into())
            })?,
            true,
        ),
    };
    let store = if is_default && !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::User(format!(
                    "{}: cannot make the data folder: {e}",
                    dir.display()
                ))
            })?;
        }
        let (store, report) = crate::demo::create(&path)?;
        writeln!(
            out,
            "First run: created a demo wijk ({} nodes, {} relations) in {}.\nIt is invented; import your own wijk with `wijkweb import --db FILE nodes.csv relations.csv`.\n",
            report.nodes_added,
            report.relations_added,
            path.display()
        )
        .map_err(output_error)?;
        store
    } else {
        Store::open(&path, OpenMode::ReadOnly)?
    };
    writeln!(out, "wijk: {}", path.display()).map_err(output_error)?;
    print_stats(out, &store.stats()?)?;
    writeln!(
        out,
        "\nThe desktop app is not part of this version yet. Commands: import, export, stats, check (see `wijkweb --help`)."
    )
    .map_err(output_error)
}
