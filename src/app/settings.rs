//! The app's settings (language, recent files), kept as JSON in the user's config folder.
//! Nothing personal is stored here: only file paths and preferences.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::i18n::Language;
use crate::exchange::picture::ColourBy;

/// How many recent files are remembered.
const RECENT: usize = 8;

/// What colours on the map mean, as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Colouring {
    /// By kind.
    #[default]
    Kind,
    /// By community.
    Community,
    /// By theme.
    Theme,
}

impl From<Colouring> for ColourBy {
    fn from(c: Colouring) -> Self {
        match c {
            Colouring::Kind => ColourBy::Kind,
            Colouring::Community => ColourBy::Community,
            Colouring::Theme => ColourBy::Theme,
        }
    }
}

/// The settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language of the app.
    pub language: Language,
    /// Recently opened databases, newest first.
    pub recent: Vec<PathBuf>,
    /// What colours mean on the map.
    pub colouring: Colouring,
    /// The makelaar's own name, recorded in the audit log before the system's account.
    pub user_name: String,
    /// Her organisation: the author of the PDFs she makes, and a casus pack's organisation.
    pub organisation: String,
    /// After how many months without a contact someone is listed to follow up.
    pub contact_months: u32,
    /// After how many months a relation not confirmed is drawn faded and asked about
    /// ("nog actueel?").
    pub stale_months: u32,
    /// What failed as the window closed (the backup on closing), shown at the next start.
    pub unreported: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: Language::default(),
            recent: Vec::new(),
            colouring: Colouring::default(),
            user_name: String::new(),
            organisation: String::new(),
            contact_months: CONTACT_MONTHS,
            stale_months: crate::model::followup::STALE_MONTHS,
            unreported: Vec::new(),
        }
    }
}

/// After how many months without a contact someone is listed, unless she says otherwise.
pub const CONTACT_MONTHS: u32 = 3;

impl Settings {
    /// Reads settings from `path`; missing or unreadable settings give the defaults.
    pub fn load(path: &Path) -> Self {
        let mut settings: Self = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        // A period of nothing or of centuries, typed into the file by hand: the nearest
        // that means something.
        let max = crate::model::followup::MAX_MONTHS;
        settings.contact_months = settings.contact_months.clamp(1, max);
        settings.stale_months = settings.stale_months.clamp(1, max);
        settings
    }

    /// Writes the settings to `path` (atomically); a failure is returned, not fatal.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            crate::store::files::private_dir(parent)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::exchange::write_atomically(path, |out| out.write_all(&json))
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT);
    }

    /// The file opened last, if it still exists.
    pub fn last_file(&self) -> Option<&Path> {
        self.recent
            .first()
            .map(PathBuf::as_path)
            .filter(|p| p.exists())
    }
}

/// Where the settings live: `settings.json` in the user's local config folder for wijkweb
/// (`crate::store::files::config_dir`).
pub fn default_path() -> Option<PathBuf> {
    crate::store::files::config_dir().map(|dir| dir.join("settings.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_round_trip_and_recent_files_stay_unique_and_short() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/settings.json");
        let mut settings = Settings {
            language: Language::English,
            ..Settings::default()
        };
        for i in 0..12 {
            settings.remember(&dir.path().join(format!("w{i}.sqlite")));
        }
        settings.remember(&dir.path().join("w5.sqlite"));
        assert_eq!(settings.recent.len(), RECENT);
        assert!(settings.recent[0].ends_with("w5.sqlite"));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| p.ends_with("w5.sqlite"))
                .count(),
            1
        );
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path), settings);
    }

    #[test]
    fn damaged_settings_give_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }

    #[test]
    fn periods_typed_as_nothing_or_centuries_are_kept_within_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, br#"{"user_name":"Sanne"}"#).unwrap();
        let old = Settings::load(&path);
        assert_eq!((old.contact_months, old.stale_months), (3, 12));
        assert_eq!(old.user_name, "Sanne");
        std::fs::write(&path, br#"{"contact_months":0,"stale_months":4000000000}"#).unwrap();
        let odd = Settings::load(&path);
        assert_eq!((odd.contact_months, odd.stale_months), (1, 1200));
        // And a period of a hundred years is a day that exists.
        let today: crate::model::Date = "2026-12-03".parse().unwrap();
        assert_eq!(
            crate::model::followup::months_before(today, u32::MAX).to_string(),
            "1926-12-03"
        );
    }
}
