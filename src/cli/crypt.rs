//! The passphrase on the command line: `WIJKWEB_KEY` for every command, `--encrypt` to be
//! asked for it without echo, and the commands `encrypt`, `rekey` and `decrypt`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Failure, output_error};
use crate::store::crypt::{KEY_VAR, NEW_KEY_VAR, is_encrypted};
use crate::store::{CopiesReport, Key, OpenMode, Store};

/// The database a command works on, with the passphrase it was given (if any).
#[derive(Debug)]
pub struct Wijk {
    path: PathBuf,
    /// The passphrase: from `WIJKWEB_KEY`, or asked for with `--encrypt`.
    pub key: Option<Key>,
    /// Whether the note that this wijk is not encrypted was given (once per command).
    noted: std::cell::Cell<bool>,
}

impl std::ops::Deref for Wijk {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl Wijk {
    /// The database at `path`; `ask` (from `--encrypt`) asks for the passphrase on the
    /// terminal when `WIJKWEB_KEY` does not give it: once for an encrypted file, twice for
    /// one still to be made, not at all for a plain one (`wijkweb encrypt` asks itself).
    pub fn new(path: PathBuf, ask: bool) -> Result<Self, Failure> {
        let blank = std::fs::metadata(&path).map_or(true, |m| m.len() == 0);
        let key = match Key::from_env(KEY_VAR) {
            Some(key) => Some(key),
            None if ask && is_encrypted(&path) => {
                Some(ask_once(&format!("Passphrase for {}: ", path.display()))?)
            }
            None if ask && blank => Some(ask_new(&format!(
                "New passphrase for {}: ",
                path.display()
            ))?),
            None => None,
        };
        Ok(Self {
            path,
            key,
            noted: std::cell::Cell::new(false),
        })
    }

    /// Opens the store with the passphrase. A plain file given a passphrase is opened as it
    /// is, with a note (once) that `wijkweb encrypt` encrypts it.
    pub fn open(&self, mode: OpenMode) -> Result<Store, Failure> {
        let existed = self.path.exists();
        let store = Store::open_keyed(&self.path, mode, self.key.as_ref())?;
        if existed && self.key.is_some() && !store.is_encrypted() && !self.noted.replace(true) {
            eprintln!(
                "wijkweb: note: {} is not encrypted; `wijkweb encrypt --db {}` encrypts it",
                self.path.display(),
                self.path.display()
            );
        }
        Ok(store)
    }
}

/// Reads a passphrase from the terminal without echo.
fn ask_once(prompt: &str) -> Result<Key, Failure> {
    let text = zeroize::Zeroizing::new(rpassword::prompt_password(prompt).map_err(|e| {
        Failure::User(format!(
            "cannot ask for the passphrase ({e}): run this on a terminal, or give the passphrase in the environment variable {KEY_VAR}"
        ))
    })?);
    Ok(Key::new(text.as_str())?)
}

/// Reads a new passphrase twice; refused when the two differ.
fn ask_new(prompt: &str) -> Result<Key, Failure> {
    let first = ask_once(prompt)?;
    let second = ask_once("Passphrase once more, to be sure: ")?;
    if first != second {
        return Err(Failure::User(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

/// Tells what happened to the copies of a wijk whose protection changed.
fn report_copies(report: &CopiesReport, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(
        out,
        "{} backups and other copies converted too",
        report.converted.len()
    )
    .map_err(output_error)?;
    for (copy, why) in &report.left {
        eprintln!(
            "wijkweb: warning: {} was left as it was: {why}",
            copy.display()
        );
    }
    Ok(())
}

/// `wijkweb encrypt`: encrypts a plain wijk and its copies with the passphrase from
/// `WIJKWEB_KEY`, or one asked for twice.
pub fn encrypt(wijk: &Wijk, out: &mut dyn Write) -> Result<(), Failure> {
    if is_encrypted(wijk) {
        return Err(Failure::User(format!(
            "{}: this wijk is encrypted already; change its passphrase with `wijkweb rekey`",
            wijk.display()
        )));
    }
    let store = Store::open(wijk, OpenMode::Existing)?;
    let key = match &wijk.key {
        Some(key) => key.clone(),
        None => ask_new(&format!("New passphrase for {}: ", wijk.display()))?,
    };
    let report = store.encrypt(&key)?;
    writeln!(
        out,
        "encrypted {}; the plain file was overwritten",
        wijk.display()
    )
    .map_err(output_error)?;
    report_copies(&report, out)
}

/// `wijkweb rekey`: a new passphrase (from `WIJKWEB_NEW_KEY`, or asked for twice) for an
/// encrypted wijk and its copies.
pub fn rekey(wijk: &Wijk, out: &mut dyn Write) -> Result<(), Failure> {
    let store = wijk.open(OpenMode::Existing)?;
    if !store.is_encrypted() {
        return Err(Failure::User(format!(
            "{}: this wijk is not encrypted; encrypt it with `wijkweb encrypt`",
            wijk.display()
        )));
    }
    let new = match Key::from_env(NEW_KEY_VAR) {
        Some(key) => key,
        None => ask_new(&format!("New passphrase for {}: ", wijk.display()))?,
    };
    let report = store.rekey(&new)?;
    writeln!(out, "{} has its new passphrase", wijk.display()).map_err(output_error)?;
    report_copies(&report, out)
}

/// `wijkweb decrypt --out PLAIN`: a plain copy, written only on this explicit request.
pub fn decrypt(wijk: &Wijk, plain: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = wijk.open(OpenMode::Existing)?;
    if !store.is_encrypted() {
        return Err(Failure::User(format!(
            "{}: this wijk is not encrypted; copy it with `wijkweb backup` instead",
            wijk.display()
        )));
    }
    store.decrypt_to(plain)?;
    writeln!(
        out,
        "wrote a plain, unencrypted copy to {}; it holds every name and note in the wijk: delete it when it is no longer needed",
        plain.display()
    )
    .map_err(output_error)
}
