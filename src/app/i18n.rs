//! Every string the app shows, one typed table per language: a missing translation is a
//! compile error, not a blank button. Templates mark their blanks with `{}` and are filled
//! by [`fill`] in order.

use std::path::Path;

use crate::error::{InputError, Rule, StoreError};
use crate::model::{ConsentStatus, NodeKind, RelationKind};
pub use crate::words::{Language, Words, fill};

/// The app's strings of a language.
pub fn texts(language: Language) -> &'static Texts {
    match language {
        Language::Dutch => &NL,
        Language::English => &EN,
    }
}

pub use crate::words::{Plural, count};

/// The strings of one language.
#[derive(Debug)]
pub struct Texts {
    /// Menu: file.
    pub menu_file: &'static str,
    /// Menu: edit.
    pub menu_edit: &'static str,
    /// Menu: view.
    pub menu_view: &'static str,
    /// Menu: settings.
    pub menu_settings: &'static str,
    /// Menu: help.
    pub menu_help: &'static str,
    /// New database.
    pub new_database: &'static str,
    /// Open a database.
    pub open_database: &'static str,
    /// Recent files.
    pub recent_files: &'static str,
    /// Import.
    pub import: &'static str,
    /// Export.
    pub export: &'static str,
    /// Make a backup.
    pub make_backup: &'static str,
    /// Undo.
    pub undo: &'static str,
    /// Redo.
    pub redo: &'static str,
    /// Undo a named step: "{action}".
    pub undo_step: &'static str,
    /// Redo a named step.
    pub redo_step: &'static str,
    /// Nothing to undo.
    pub nothing_to_undo: &'static str,
    /// Nothing to redo.
    pub nothing_to_redo: &'static str,
    /// New person.
    pub new_person: &'static str,
    /// New organisation.
    pub new_organisation: &'static str,
    /// New initiative.
    pub new_initiative: &'static str,
    /// Fit all.
    pub fit_all: &'static str,
    /// Pause the layout.
    pub pause_layout: &'static str,
    /// Resume the layout.
    pub resume_layout: &'static str,
    /// The layout is running.
    pub layout_running: &'static str,
    /// First drawing of the map.
    pub drawing_map: &'static str,
    /// Colour by.
    pub colour_by: &'static str,
    /// Colour: kind.
    pub colour_kind: &'static str,
    /// Colour: community.
    pub colour_community: &'static str,
    /// Colour: theme.
    pub colour_theme: &'static str,
    /// Language.
    pub language: &'static str,
    /// Keyboard shortcuts.
    pub shortcuts: &'static str,
    /// Close.
    pub close: &'static str,
    /// The help overlay's rows for the mouse and the keys that are no command: (what you
    /// do, what it does).
    pub mouse_rows: [(&'static str, &'static str); 8],
    /// Search.
    pub search: &'static str,
    /// Search hint.
    pub search_hint: &'static str,
    /// No results.
    pub no_results: &'static str,
    /// Filters.
    pub filters: &'static str,
    /// Kinds.
    pub kinds: &'static str,
    /// Wijk.
    pub wijk: &'static str,
    /// Every wijk / every theme.
    pub all: &'static str,
    /// Theme.
    pub theme: &'static str,
    /// Relation kinds.
    pub relation_kinds: &'static str,
    /// Show ended relations.
    pub show_ended: &'static str,
    /// Nothing selected.
    pub nothing_selected: &'static str,
    /// "{} selected".
    pub n_selected: &'static str,
    /// Name.
    pub name: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// Role.
    pub role: &'static str,
    /// Themes.
    pub themes: &'static str,
    /// Offers.
    pub offers: &'static str,
    /// Needs.
    pub needs: &'static str,
    /// Contact.
    pub contact: &'static str,
    /// Notes.
    pub notes: &'static str,
    /// Consent.
    pub consent: &'static str,
    /// Consent date.
    pub consent_date: &'static str,
    /// Consent purpose.
    pub consent_purpose: &'static str,
    /// Consent expiry.
    pub consent_expiry: &'static str,
    /// Comma-separated hint.
    pub comma_hint: &'static str,
    /// Date hint.
    pub date_hint: &'static str,
    /// "{} is not a date".
    pub not_a_date: &'static str,
    /// Relations.
    pub relations: &'static str,
    /// Relation kind.
    pub relation_kind: &'static str,
    /// Strength.
    pub strength: &'static str,
    /// Since.
    pub since: &'static str,
    /// Until.
    pub until: &'static str,
    /// Remove the relation.
    pub remove_relation: &'static str,
    /// Add a relation with...
    pub add_relation_with: &'static str,
    /// Kind of the new relation.
    pub new_relation_kind: &'static str,
    /// Delete...
    pub delete: &'static str,
    /// Delete "{}"?
    pub delete_question: &'static str,
    /// "{} relations go with it."
    pub delete_goes_with: Plural,
    /// Nothing else goes.
    pub delete_nothing_else: &'static str,
    /// Can be undone.
    pub can_be_undone: &'static str,
    /// Cancel.
    pub cancel: &'static str,
    /// OK.
    pub ok: &'static str,
    /// Pinned.
    pub pinned: &'static str,
    /// Relations count in tooltip.
    pub relations_count: Plural,
    /// Demo banner.
    pub demo_banner: &'static str,
    /// Read-only banner: "{}".
    pub read_only_banner: &'static str,
    /// Path.
    pub path: &'static str,
    /// Browse.
    pub browse: &'static str,
    /// Import hint.
    pub import_hint: &'static str,
    /// Format.
    pub format: &'static str,
    /// Pseudonymise.
    pub pseudonymise: &'static str,
    /// "Imported {} nodes and {} relations".
    pub imported: &'static str,
    /// "Exported to {}".
    pub exported: &'static str,
    /// "Backup made: {}".
    pub backup_made: &'static str,
    /// An export could not be written ({} the file, {} why).
    pub cannot_write_export: &'static str,
    /// Opening an encrypted wijk: the dialog's title ({} the file).
    pub passphrase_title: &'static str,
    /// What the passphrase dialog says when opening.
    pub passphrase_explain: &'static str,
    /// A new encrypted wijk: the dialog's title ({} the file).
    pub passphrase_new_title: &'static str,
    /// What the passphrase dialog says for a new wijk ({} the fewest characters).
    pub passphrase_new_explain: &'static str,
    /// The passphrase field.
    pub passphrase: &'static str,
    /// The second passphrase field.
    pub passphrase_again: &'static str,
    /// Nothing typed.
    pub passphrase_empty: &'static str,
    /// A new passphrase too short ({} the fewest characters).
    pub passphrase_too_short: &'static str,
    /// The two new passphrases differ.
    pub passphrases_differ: &'static str,
    /// The passphrase does not open the file.
    pub wrong_passphrase: &'static str,
    /// The button that opens an encrypted wijk.
    pub open_wijk: &'static str,
    /// The button that creates a new wijk.
    pub create: &'static str,
    /// The checkbox in the new-database dialog.
    pub encrypt_new: &'static str,
    /// Shown beside the title of an encrypted wijk.
    pub encrypted_mark: &'static str,
    /// File menu: encrypt the open (plain) wijk.
    pub encrypt_wijk: &'static str,
    /// File menu: give the open (encrypted) wijk a new passphrase.
    pub change_passphrase: &'static str,
    /// Encrypting the open wijk: the dialog's title ({} the file).
    pub passphrase_encrypt_title: &'static str,
    /// What the dialog says before encrypting ({} the fewest characters).
    pub passphrase_encrypt_explain: &'static str,
    /// A new passphrase for the open wijk: the dialog's title ({} the file).
    pub passphrase_change_title: &'static str,
    /// What the dialog says before changing the passphrase ({} the fewest characters).
    pub passphrase_change_explain: &'static str,
    /// The field for the passphrase in use.
    pub passphrase_current: &'static str,
    /// The field for the new passphrase.
    pub passphrase_new: &'static str,
    /// The passphrase in use was typed wrong.
    pub wrong_current_passphrase: &'static str,
    /// The button that encrypts.
    pub encrypt: &'static str,
    /// The button that changes the passphrase.
    pub change: &'static str,
    /// The wijk is encrypted ({} how many copies with it).
    pub encrypted_done: Plural,
    /// The wijk has a new passphrase ({} how many copies with it).
    pub rekeyed_done: Plural,
    /// Copies that could not be converted ({} the files and why).
    pub copies_left: &'static str,
    /// Encrypting or changing the passphrase failed ({} why).
    pub cannot_protect: &'static str,
    /// The store's refusals in this language; `None` where the core's own (English)
    /// wording serves.
    pub store_errors: Option<&'static StoreErrorTexts>,
    /// The core's words in this language (routes, kenners, pictures).
    pub words: &'static Words,
    /// Error heading.
    pub error: &'static str,
    /// Map label for accessibility.
    pub map: &'static str,
    /// Legend.
    pub legend: &'static str,
    /// Other.
    pub other: &'static str,
    /// Group "{}".
    pub group: &'static str,
    /// Dismiss a message.
    pub dismiss: &'static str,
    /// Window title suffix for read-only.
    pub read_only: &'static str,
    /// The map tab.
    pub tab_map: &'static str,
    /// The path finder tab.
    pub tab_path: &'static str,
    /// The kenners tab.
    pub tab_kenners: &'static str,
    /// The risks tab.
    pub tab_risks: &'static str,
    /// The needs tab.
    pub tab_needs: &'static str,
    /// Path start.
    pub from: &'static str,
    /// Path end.
    pub to: &'static str,
    /// End is a node.
    pub to_node: &'static str,
    /// End is a theme on offer.
    pub to_theme: &'static str,
    /// Nodes to avoid.
    pub avoid: &'static str,
    /// How many paths.
    pub ways: &'static str,
    /// Find paths.
    pub find_way: &'static str,
    /// No path found.
    pub no_way: &'static str,
    /// An end of the path is gone from the wijk ({} the node).
    pub way_unknown_node: &'static str,
    /// An end of the path is also to be avoided ({} the node).
    pub way_avoided_end: &'static str,
    /// "Way {} (cost {})".
    pub way_n: &'static str,
    /// "Working ({} s)".
    pub working: &'static str,
    /// Clear a choice.
    pub clear: &'static str,
    /// Context menu: path from here.
    pub way_from_here: &'static str,
    /// Context menu: path to here.
    pub way_to_here: &'static str,
    /// Toggle: size by kenner score.
    pub size_by_kenner: &'static str,
    /// Heading of Best Persons.
    pub best_persons: &'static str,
    /// "cuts off {}".
    pub cuts_off: Plural,
    /// "could take over: {}".
    pub takeover: &'static str,
    /// Heading of isolated residents.
    pub isolated: &'static str,
    /// Nothing in a list.
    pub none_found: &'static str,
    /// "asked by {}".
    pub asked_by: &'static str,
    /// "offered by {}".
    pub offered_by: &'static str,
    /// "{} can reach it".
    pub can_reach: Plural,
    /// "{} cannot".
    pub cannot_reach: Plural,
    /// Heading of unmet needs.
    pub unmet: &'static str,
    /// How many ask for a theme not opened ({} the number).
    pub asked_by_count: &'static str,
    /// That askers are named only for the opened theme.
    pub askers_on_request: &'static str,
    /// Open the ego view.
    pub network_circle: &'static str,
    /// Leave the ego view.
    pub back_to_wijk: &'static str,
    /// Export the ego view.
    pub export_casus: &'static str,
    /// Keep names with written consent.
    pub keep_consented: &'static str,
    /// "Network circle of {}".
    pub circle_of: &'static str,
    /// Show a person's needs and notes.
    pub show_sensitive: &'static str,
    /// Hide them again.
    pub hide_sensitive: &'static str,
    /// What shows while hidden.
    pub sensitive_hidden: &'static str,
    /// Legal basis.
    pub legal_basis: &'static str,
    /// What may be shared with whom.
    pub share_with: &'static str,
    /// Consent withdrawn on.
    pub withdrawn: &'static str,
    /// Erase a person.
    pub forget: &'static str,
    /// "Forget {}?".
    pub forget_question: &'static str,
    /// What forgetting does.
    pub forget_explain: &'static str,
    /// "{} is forgotten".
    pub forgotten: &'static str,
    /// Write everything held about a person (inzage).
    pub inzage: &'static str,
    /// What the inzage writes.
    pub inzage_hint: &'static str,
    /// "The inzage of {} is in {}".
    pub inzage_done: &'static str,
    /// "{}: cannot write ({})".
    pub cannot_write: &'static str,
    /// What is due for review (menu).
    pub review: &'static str,
    /// Nothing due for review.
    pub review_nothing: &'static str,
    /// How many items are due for review ({} the number).
    pub review_count: &'static str,
    /// What to do with an item due for review.
    pub review_hint: &'static str,
    /// Heading of the retention periods.
    pub retention: &'static str,
    /// The kinds of record a retention period is for: persons, organisations, initiatives,
    /// ended relations.
    pub retention_kinds: [&'static str; 4],
    /// "months".
    pub months: &'static str,
    /// Keep the periods typed.
    pub keep_retention: &'static str,
    /// A period typed is not a number of months.
    pub retention_invalid: &'static str,
    /// Why an item is due: consent withdrawn on {}.
    pub review_withdrawn: &'static str,
    /// Consent expired on {}.
    pub review_expired: &'static str,
    /// No legal basis.
    pub review_no_basis: &'static str,
    /// Retention of {} months passed, last changed {}.
    pub review_past_retention: &'static str,
    /// Relation ended on {}, retention of {} months passed.
    pub review_ended: &'static str,
    /// The netwerkcirkel's sectors, clockwise from the top left.
    pub sectors: [&'static str; 4],
    /// Consent statuses: none, verbal, written.
    pub consent_status: [&'static str; 3],
    /// Strengths: weak, normal, strong.
    pub strengths: [&'static str; 3],
    /// Node kinds: person, organisation, initiative.
    pub node_kinds: [&'static str; 3],
    /// Action names for undo: add, change, delete node; add, change, delete relation; move.
    pub actions: [&'static str; 7],
    /// The wijk chosen is the one open already: {} its file.
    pub already_open: &'static str,
    /// Zoom in.
    pub zoom_in: &'static str,
    /// Zoom out.
    pub zoom_out: &'static str,
    /// Print the map or network circle.
    pub print: &'static str,
    /// What printing does.
    pub print_hint: &'static str,
    /// Printed: {} the file; opened in the viewer.
    pub printed: &'static str,
    /// Printed but no viewer: {} the file.
    pub printed_no_viewer: &'static str,
    /// The list of messages.
    pub messages: &'static str,
    /// No messages yet.
    pub no_messages: &'static str,
    /// Close the app.
    pub quit: &'static str,
    /// Where keys without Ctrl work.
    pub keys_on_map: &'static str,
    /// The field of a new wijk's name or path.
    pub name_or_path: &'static str,
    /// What a new wijk is.
    pub new_wijk_hint: &'static str,
    /// The full path of the new wijk: {}.
    pub will_be_made_as: &'static str,
    /// Where new wijken go: {} the folder.
    pub new_wijk_goes_to: &'static str,
    /// No desktop file dialog runs here.
    pub no_file_dialog: &'static str,
    /// A relation was removed: {} the other end.
    pub relation_removed: &'static str,
    /// A count of nodes, as people say it.
    pub nodes_count: Plural,
    /// A count of months.
    pub months_count: Plural,
    /// The shortcut list's own row.
    pub this_list: &'static str,
    /// A name that several rows of an import have: name, how many, where.
    pub name_twice: &'static str,
    /// The relation kind proposed from both ends.
    pub auto: &'static str,
    /// The sensitive flag of an organisation or initiative.
    pub sensitive_node: &'static str,
    /// What the sensitive flag does.
    pub sensitive_node_hint: &'static str,
    /// Leave the makelaar and paid professionals out of the kenners.
    pub without_professionals: &'static str,
    /// Let a way run through sensitive places.
    pub allow_sensitive: &'static str,
    /// The welcome heading when no wijk is open.
    pub welcome: &'static str,
    /// What to do when no wijk is open.
    pub welcome_what_first: &'static str,
    /// The heading of an empty wijk.
    pub empty_wijk: &'static str,
    /// What to do first in an empty wijk.
    pub empty_wijk_what_first: &'static str,
    /// Under 'new person' in an empty wijk.
    pub empty_new_person_hint: &'static str,
    /// Import a list, from the empty wijk.
    pub import_a_list: &'static str,
    /// What list can be imported.
    pub import_a_list_hint: &'static str,
    /// Open the demo wijk.
    pub look_at_demo: &'static str,
    /// What the demo is.
    pub look_at_demo_hint: &'static str,
    /// Legend: cut off when the Best Person stops.
    pub legend_cut_off: &'static str,
    /// Legend: asks for the theme.
    pub legend_asks: &'static str,
    /// Legend: offers the theme.
    pub legend_offers: &'static str,
    /// The file name of a printed map, before its date.
    pub print_file_map: &'static str,
    /// The file name of a printed network circle, before its date.
    pub print_file_circle: &'static str,
    /// Menu entry: lay the map out again from where everyone is.
    pub tidy_map: &'static str,
    /// Settings: label of the makelaar's own name for the audit log.
    pub your_name: &'static str,
    /// Settings: under the name field.
    pub your_name_hint: &'static str,
    /// After forget: a copy that could not be cleaned was removed.
    pub copy_removed: &'static str,
    /// After forget: a copy that could be neither cleaned nor removed.
    pub copy_left: &'static str,
    /// File menu: a lossless JSON snapshot for the makelaar herself.
    pub full_copy: &'static str,
    /// What the full copy is, in the dialog that asks where it goes.
    pub full_copy_hint: &'static str,
    /// After an erasure: her whole name was taken out of other people's texts ({} a count, {} the placeholder).
    pub mentions_cleaned: &'static str,
}

impl Texts {
    /// The name of a node kind.
    pub fn node_kind(&self, kind: NodeKind) -> &'static str {
        match kind {
            NodeKind::Person => self.node_kinds[0],
            NodeKind::Organisation => self.node_kinds[1],
            NodeKind::Initiative => self.node_kinds[2],
        }
    }

    /// The name of a relation kind, as read from its source: "vrijwilliger bij".
    pub fn relation_kind_name(&self, kind: RelationKind) -> String {
        (self.words.kind)(kind).to_owned()
    }

    /// The name of a relation kind as read from its target: "vrijwilliger".
    pub fn relation_kind_inverse(&self, kind: RelationKind) -> String {
        (self.words.kind_inverse)(kind).to_owned()
    }

    /// The name of a legal basis.
    pub fn basis_name(&self, basis: crate::model::LegalBasis) -> String {
        (self.words.basis)(basis).to_owned()
    }

    /// The name of a consent status.
    pub fn consent_name(&self, status: ConsentStatus) -> &'static str {
        match status {
            ConsentStatus::None => self.consent_status[0],
            ConsentStatus::Verbal => self.consent_status[1],
            ConsentStatus::Written => self.consent_status[2],
        }
    }

    /// What the store's refusal `err` means, in this language. Errors the person cannot act
    /// on (a rule of the model, SQLite's own words) keep the core's wording.
    pub fn store_error(&self, err: &StoreError) -> String {
        let Some(words) = self.store_errors else {
            return err.to_string();
        };
        let file = |path: &Path| path.display().to_string();
        match err {
            StoreError::Missing(path) => fill(words.missing, &[&file(path)]),
            StoreError::NotADatabase(path) => fill(words.not_a_database, &[&file(path)]),
            StoreError::NotWijkweb { path, .. } => fill(words.not_wijkweb, &[&file(path)]),
            StoreError::Newer {
                path,
                found,
                supported,
            } => fill(
                words.newer,
                &[&file(path), &found.to_string(), &supported.to_string()],
            ),
            StoreError::Encrypted(path) => fill(words.encrypted, &[&file(path)]),
            StoreError::WrongKey(path) => fill(words.wrong_key, &[&file(path)]),
            StoreError::ReadOnly(path) => fill(words.read_only, &[&file(path)]),
            StoreError::Locked(path) => fill(words.locked, &[&file(path)]),
            StoreError::InUse(path) => fill(words.in_use, &[&file(path)]),
            StoreError::Damaged { path, detail, .. } => {
                let advice = match crate::store::backup::list(path).first() {
                    Some(newest) => fill(words.newest_backup, &[&file(&newest.path), &file(path)]),
                    None => fill(
                        words.no_backup,
                        &[&file(&crate::store::backup::folder(path))],
                    ),
                };
                fill(words.damaged, &[&file(path), detail, &advice])
            }
            StoreError::DiskError(path) => fill(words.disk_error, &[&file(path)]),
            StoreError::DiskFull(path) => fill(words.disk_full, &[&file(path)]),
            StoreError::Migration { path, from, source } => fill(
                words.migration,
                &[&file(path), &from.to_string(), &source.to_string()],
            ),
            StoreError::UnknownNode(id) => fill(words.unknown_node, &[id]),
            StoreError::UnknownRelation(id) => fill(words.unknown_relation, &[id]),
            StoreError::Invalid(rule) => (words.rule)(rule),
            StoreError::Input(input) => (words.input)(input),
            StoreError::Sqlite { .. } | StoreError::Io { .. } => err.to_string(),
        }
    }

    /// An import's bad input, worded for the user: where, what, and that nothing was
    /// imported.
    pub fn input_error(&self, err: &InputError) -> String {
        match self.store_errors {
            Some(words) => (words.input)(err),
            None => format!("{err}. Nothing was imported."),
        }
    }

    /// Why something is due for review, in words.
    pub fn review_reason(&self, reason: crate::privacy::ReviewReason) -> String {
        use crate::privacy::ReviewReason;
        match reason {
            ReviewReason::Withdrawn(day) => fill(self.review_withdrawn, &[&day.to_string()]),
            ReviewReason::Expired(day) => fill(self.review_expired, &[&day.to_string()]),
            ReviewReason::NoLegalBasis => self.review_no_basis.to_owned(),
            ReviewReason::PastRetention { months, changed } => fill(
                self.review_past_retention,
                &[
                    &count(self.months_count, months as usize),
                    &changed.to_string(),
                ],
            ),
            ReviewReason::EndedPastRetention { months, until } => fill(
                self.review_ended,
                &[
                    &until.to_string(),
                    &count(self.months_count, months as usize),
                ],
            ),
        }
    }

    /// The words for an undoable action (one of the store's `UNDOABLE`).
    pub fn action(&self, action: &str) -> &'static str {
        let at = crate::store::history::UNDOABLE
            .iter()
            .position(|a| *a == action)
            .unwrap_or(1);
        self.actions[at]
    }
}

/// The store's refusals, for a language other than the core's English. Each template's
/// first blank is the file.
#[derive(Debug)]
pub struct StoreErrorTexts {
    /// No such file.
    pub missing: &'static str,
    /// Not a SQLite file.
    pub not_a_database: &'static str,
    /// A database of another program.
    pub not_wijkweb: &'static str,
    /// Made by a newer wijkweb ({} its schema version, {} the newest known).
    pub newer: &'static str,
    /// Encrypted, and no passphrase given.
    pub encrypted: &'static str,
    /// The passphrase does not open it.
    pub wrong_key: &'static str,
    /// Read-only file.
    pub read_only: &'static str,
    /// Locked by another program.
    pub locked: &'static str,
    /// Open in another wijkweb.
    pub in_use: &'static str,
    /// Damaged ({} what the check said, {} the advice).
    pub damaged: &'static str,
    /// Advice: the newest backup ({} the backup, {} the file).
    pub newest_backup: &'static str,
    /// Advice: no backup ({} the backup folder).
    pub no_backup: &'static str,
    /// The disk failed.
    pub disk_error: &'static str,
    /// The disk is full.
    pub disk_full: &'static str,
    /// An upgrade failed ({} the old schema version, {} what SQLite said).
    pub migration: &'static str,
    /// No such node ({} the id).
    pub unknown_node: &'static str,
    /// No such relation ({} the id).
    pub unknown_relation: &'static str,
    /// A refused change, worded whole.
    pub rule: fn(&Rule) -> String,
    /// An import's bad input, worded whole.
    pub input: fn(&InputError) -> String,
}

static NL_STORE_ERRORS: StoreErrorTexts = StoreErrorTexts {
    missing: "{}: deze wijk bestaat niet.",
    not_a_database: "{}: dit bestand is geen wijkweb-wijk (het is geen SQLite-database).",
    not_wijkweb: "{}: dit is een database van een ander programma, geen wijkweb-wijk.",
    newer: "{}: gemaakt met een nieuwere wijkweb (schemaversie {}; deze versie kent tot en met {}). Werk wijkweb bij om hem te openen; het bestand is niet veranderd.",
    encrypted: "{}: deze wijk is versleuteld en opent alleen met het wachtwoord; het bestand is niet veranderd.",
    wrong_key: "{}: dit wachtwoord opent de wijk niet; het bestand is niet veranderd.",
    read_only: "{}: het bestand is alleen-lezen, en wijkweb moet erin schrijven (kijk naar de rechten van het bestand).",
    locked: "{}: een ander programma (een andere wijkweb?) heeft de wijk open; sluit dat en probeer het opnieuw.",
    in_use: "{}: deze wijk is open in een andere wijkweb (of een ander venster); sluit die eerst, of bekijk hem hier alleen-lezen.",
    damaged: "{}: het bestand is beschadigd ({}); er is niets in geschreven. {}",
    newest_backup: "De nieuwste back-up is {}; zet die terug met `wijkweb restore --db {}`.",
    no_backup: "Er is geen back-up gevonden in {}; bewaar dit bestand en vraag om hulp voordat je er iets aan verandert.",
    disk_error: "{}: de schijf kon niet gelezen of beschreven worden (vol, losgekoppeld of kapot?); de wijziging is niet bewaard.",
    disk_full: "{}: de schijf is vol; er is niets geschreven. Maak ruimte vrij en probeer het opnieuw.",
    migration: "{}: het bijwerken van schemaversie {} is mislukt ({}); het bestand is gebleven zoals het was.",
    unknown_node: "Er is niemand (en niets) met id '{}' in de wijk.",
    unknown_relation: "Er is geen relatie met id '{}'.",
    rule: super::errors_nl::rule,
    input: super::errors_nl::input,
};

/// Nederlands.
pub static NL: Texts = Texts {
    words: Language::Dutch.words(),
    menu_file: "Bestand",
    menu_edit: "Bewerken",
    menu_view: "Beeld",
    menu_settings: "Instellingen",
    menu_help: "Help",
    new_database: "Nieuwe database…",
    open_database: "Openen…",
    recent_files: "Recente bestanden",
    import: "Importeren…",
    export: "Exporteren…",
    make_backup: "Back-up maken",
    undo: "Ongedaan maken",
    redo: "Opnieuw",
    undo_step: "Ongedaan gemaakt: {} {}",
    redo_step: "Opnieuw gedaan: {} {}",
    nothing_to_undo: "Niets om ongedaan te maken",
    nothing_to_redo: "Niets om opnieuw te doen",
    new_person: "Nieuwe persoon",
    new_organisation: "Nieuwe organisatie",
    new_initiative: "Nieuw initiatief",
    fit_all: "Alles tonen",
    pause_layout: "Kaart pauzeren",
    resume_layout: "Kaart hervatten",
    layout_running: "De kaart schikt zich…",
    drawing_map: "De kaart wordt getekend…",
    colour_by: "Kleur naar",
    colour_kind: "soort",
    colour_community: "groep",
    colour_theme: "thema",
    language: "Taal",
    shortcuts: "Sneltoetsen",
    close: "Sluiten",
    mouse_rows: [
        ("pijltjes", "kaart verschuiven"),
        ("wiel, knijpen", "zoomen rond de muis"),
        ("slepen (achtergrond)", "kaart verschuiven"),
        (
            "iemand of iets op de kaart slepen",
            "verplaatsen en vastzetten",
        ),
        ("Shift+klik, Shift+slepen", "meer selecteren"),
        ("Shift+slepen van de een naar de ander", "relatie leggen"),
        ("Escape", "venster sluiten"),
        ("Enter", "bevestigen"),
    ],
    search: "Zoeken",
    search_hint: "naam, rol of thema",
    no_results: "Niets gevonden",
    filters: "Filters",
    kinds: "Soorten",
    wijk: "Wijk",
    all: "alle",
    theme: "Thema",
    relation_kinds: "Soorten relaties",
    show_ended: "Beëindigde relaties tonen",
    nothing_selected: "Klik op iemand op de kaart, of zoek links.",
    n_selected: "{} geselecteerd",
    name: "Naam",
    kind: "Soort",
    role: "Rol",
    themes: "Thema's",
    offers: "Aanbod",
    needs: "Vraag",
    contact: "Contact",
    notes: "Notities",
    consent: "Toestemming",
    consent_date: "Toestemming gegeven op",
    consent_purpose: "Doel van de toestemming",
    consent_expiry: "Toestemming geldig tot",
    comma_hint: "gescheiden door komma's",
    date_hint: "bijv. 2026-03-01 of 1-3-2026",
    not_a_date: "'{}' is geen datum (bijvoorbeeld 1-3-2026)",
    relations: "Relaties",
    relation_kind: "Soort relatie",
    strength: "Sterkte",
    since: "Sinds",
    until: "Tot",
    remove_relation: "Relatie verwijderen",
    add_relation_with: "Relatie leggen met",
    new_relation_kind: "Soort nieuwe relatie",
    delete: "Verwijderen…",
    delete_question: "{} verwijderen?",
    delete_goes_with: ("Ook {} relatie gaat mee.", "Ook {} relaties gaan mee."),
    delete_nothing_else: "Er gaan geen relaties mee.",
    can_be_undone: "Dit kun je ongedaan maken (Ctrl+Z).",
    cancel: "Annuleren",
    ok: "OK",
    pinned: "Vastgezet op de kaart",
    relations_count: ("{} relatie", "{} relaties"),
    demo_banner: "Dit is een demowijk met verzonnen mensen: kijk rond, of open of importeer je eigen wijk via Bestand.",
    read_only_banner: "Alleen-lezen: {}",
    path: "Pad",
    browse: "Bladeren…",
    import_hint: "Een .json-snapshot, of nodes.csv en relations.csv (één pad per regel).",
    format: "Formaat",
    pseudonymise: "Pseudonimiseren (namen vervangen)",
    imported: "Ingelezen uit {}: {} en {}.",
    exported: "Geëxporteerd naar {}",
    backup_made: "Back-up gemaakt en gecontroleerd: {}",
    cannot_write_export: "{}: de export kan niet worden geschreven ({}).",
    passphrase_title: "Wachtwoord voor {}",
    passphrase_explain: "Deze wijk is versleuteld. Typ het wachtwoord om hem te openen.",
    passphrase_new_title: "Nieuwe versleutelde wijk: {}",
    passphrase_new_explain: "Kies een wachtwoord van minstens {} tekens; een paar woorden achter elkaar onthoud je makkelijk. Zonder dit wachtwoord is de wijk niet meer te openen, ook niet door ons: bewaar het goed.",
    passphrase: "Wachtwoord",
    passphrase_again: "Nog een keer",
    passphrase_empty: "Typ eerst het wachtwoord.",
    passphrase_too_short: "Het wachtwoord moet minstens {} tekens hebben.",
    passphrases_differ: "De twee wachtwoorden zijn niet gelijk.",
    wrong_passphrase: "Dit wachtwoord opent de wijk niet (of het bestand is geen wijkweb-wijk). Probeer het nog eens.",
    open_wijk: "Openen",
    create: "Maken",
    encrypt_new: "Versleutelen met een wachtwoord",
    encrypted_mark: "versleuteld",
    encrypt_wijk: "Versleutelen…",
    change_passphrase: "Wachtwoord wijzigen…",
    passphrase_encrypt_title: "{} versleutelen",
    passphrase_encrypt_explain: "Kies een wachtwoord van minstens {} tekens. Daarna opent de wijk, met al haar back-ups, alleen nog met dit wachtwoord, en worden de onversleutelde bestanden overschreven. Zonder het wachtwoord is de wijk niet meer te openen, ook niet door ons: bewaar het goed.",
    passphrase_change_title: "Nieuw wachtwoord voor {}",
    passphrase_change_explain: "Typ het huidige wachtwoord en twee keer het nieuwe (minstens {} tekens). De back-ups krijgen het nieuwe wachtwoord ook.",
    passphrase_current: "Huidig wachtwoord",
    passphrase_new: "Nieuw wachtwoord",
    wrong_current_passphrase: "Het huidige wachtwoord klopt niet.",
    encrypt: "Versleutelen",
    change: "Wijzigen",
    encrypted_done: (
        "De wijk en {} back-up zijn versleuteld; de onversleutelde bestanden zijn overschreven.",
        "De wijk en {} back-ups zijn versleuteld; de onversleutelde bestanden zijn overschreven.",
    ),
    rekeyed_done: (
        "De wijk en {} back-up hebben een nieuw wachtwoord.",
        "De wijk en {} back-ups hebben een nieuw wachtwoord.",
    ),
    copies_left: "Niet omgezet, want niet te openen: {}",
    cannot_protect: "Het is niet gelukt; de wijk is zoals hij was. {}",
    store_errors: Some(&NL_STORE_ERRORS),
    error: "Fout",
    map: "Kaart van de wijk",
    legend: "Legenda",
    other: "overige",
    group: "groep {}",
    dismiss: "Melding sluiten",
    read_only: "alleen-lezen",
    tab_map: "Kaart",
    tab_path: "Weg vinden",
    tab_kenners: "Kenners",
    tab_risks: "Risico's",
    tab_needs: "Vraag en aanbod",
    from: "Van",
    to: "Naar",
    to_node: "iemand of iets",
    to_theme: "een aanbod (thema)",
    avoid: "Niet via",
    ways: "Aantal wegen",
    find_way: "Zoek een weg",
    no_way: "Geen weg gevonden.",
    way_unknown_node: "{} staat niet meer in de wijk; kies een ander begin of eind.",
    way_avoided_end: "{} is begin of eind van de weg en staat ook bij ‘niet via’; haal één van beide weg.",
    way_n: "Weg {} (kosten {})",
    working: "Bezig met rekenen… ({} s)",
    clear: "Wissen",
    way_from_here: "Zoek een weg van hier",
    way_to_here: "Zoek een weg naar hier",
    size_by_kenner: "Grootte naar kenner-score",
    best_persons: "'Best Persons': wie anderen afsnijdt als ze stopt",
    cuts_off: (
        "{} ander raakt los als deze stopt",
        "{} anderen raken los als deze stopt",
    ),
    takeover: "kan overnemen: {}",
    isolated: "Geïsoleerde bewoners",
    none_found: "geen",
    asked_by: "gevraagd door {}",
    offered_by: "aangeboden door {}",
    can_reach: ("{} kan erbij", "{} kunnen erbij"),
    cannot_reach: ("{} kan er niet bij", "{} kunnen er niet bij"),
    unmet: "Gevraagd, nergens aangeboden",
    asked_by_count: "gevraagd door {} (klik op het thema voor de namen)",
    askers_on_request: "Wie iets vraagt is gevoelig: de namen staan er pas als je op een thema klikt.",
    network_circle: "Netwerkcirkel",
    back_to_wijk: "Terug naar de wijk",
    export_casus: "Export voor casusoverleg",
    keep_consented: "Wie schriftelijk toestemming gaf, houdt haar naam",
    circle_of: "Netwerkcirkel van {}",
    show_sensitive: "Vraag en notities tonen",
    hide_sensitive: "Vraag en notities verbergen",
    sensitive_hidden: "Vraag en notities zijn verborgen (gevoelig).",
    legal_basis: "Grondslag",
    share_with: "Delen met",
    withdrawn: "Toestemming ingetrokken op",
    forget: "Vergeten…",
    forget_question: "{} vergeten?",
    forget_explain: "Alles over haar wordt gewist: haar gegevens, haar relaties, wat het logboek over haar bewaarde en wat de back-ups over haar hebben. Dit kan niet ongedaan worden gemaakt.",
    forgotten: "{} is vergeten.",
    inzage: "Inzage…",
    inzage_hint: "Alles wat wijkweb over haar bewaart komt in deze map: inzage.txt (leesbaar) en inzage.json (voor overdracht). Het verzoek komt in het logboek. Lees het na voordat je het overhandigt.",
    inzage_done: "De inzage van {} staat in {} (inzage.txt en inzage.json).",
    cannot_write: "{}: kan niet schrijven ({}).",
    review: "Te herzien…",
    review_nothing: "Niets te herzien: geen bewaartermijn verstreken, geen toestemming verlopen of ingetrokken, en iedereen heeft een grondslag.",
    review_count: "Te herzien: {}",
    review_hint: "Klik op een naam om haar te kiezen; rechts vul je de grondslag in, vernieuw je de toestemming of kies je ‘Vergeten…’.",
    retention: "Bewaartermijnen (leeg: geen)",
    retention_kinds: [
        "Personen",
        "Organisaties",
        "Initiatieven",
        "Beëindigde relaties",
    ],
    months: "maanden",
    keep_retention: "Termijnen bewaren",
    retention_invalid: "Een bewaartermijn is een heel aantal maanden, of leeg voor geen.",
    review_withdrawn: "toestemming ingetrokken op {}: vergeet haar, of bewaar alleen wat een andere grondslag toestaat",
    review_expired: "toestemming verlopen op {}: vernieuw haar of vergeet de persoon",
    review_no_basis: "geen grondslag vastgelegd: vul de grondslag in",
    review_past_retention: "bewaartermijn van {} verstreken (laatst gewijzigd {}): vernieuw of vergeet",
    review_ended: "relatie beëindigd op {}, bewaartermijn van {} verstreken: verwijder haar",
    sectors: [
        "familie",
        "vrienden en buren",
        "vrijwilligers en initiatieven",
        "professionals",
    ],
    consent_status: ["geen", "mondeling", "schriftelijk"],
    strengths: ["zwak", "gewoon", "sterk"],
    node_kinds: ["persoon", "organisatie", "initiatief"],
    actions: [
        "toevoegen",
        "wijzigen",
        "verwijderen",
        "relatie leggen",
        "relatie wijzigen",
        "relatie verwijderen",
        "verplaatsen",
    ],
    already_open: "Deze wijk is al open ({}).",
    zoom_in: "Inzoomen",
    zoom_out: "Uitzoomen",
    print: "Afdrukken…",
    print_hint: "Maakt een A4-PDF van wat je nu ziet (de kaart of de netwerkcirkel) en opent die om af te drukken.",
    printed: "Klaar om af te drukken: {}",
    printed_no_viewer: "Geschreven in {}; er is hier geen programma dat PDF's opent: open het bestand zelf om af te drukken.",
    messages: "Berichten…",
    no_messages: "Nog geen berichten.",
    quit: "Afsluiten",
    keys_on_map: "Toetsen zonder Ctrl werken als de muis boven de kaart staat en je niet in een veld typt.",
    name_or_path: "Naam van de wijk (of een volledig pad)",
    new_wijk_hint: "Een nieuwe, lege wijk. Een naam is genoeg: het bestand komt in de map wijkweb in je documenten.",
    will_be_made_as: "Wordt gemaakt als: {}",
    new_wijk_goes_to: "Nieuwe wijken komen in {}",
    no_file_dialog: "Er is hier geen bestandskiezer van het bureaublad: typ de naam of het pad in het veld.",
    relation_removed: "Relatie tussen {} en {} verwijderd.",
    nodes_count: (
        "{} persoon, organisatie of initiatief",
        "{} personen, organisaties en initiatieven",
    ),
    months_count: ("{} maand", "{} maanden"),
    this_list: "deze lijst",
    name_twice: "Let op: '{}' staat {} keer in de lijst ({}): elk is een eigen persoon geworden; voeg ze samen als het dezelfde is.",
    auto: "automatisch (voorstel)",
    sensitive_node: "Gevoelig (zoals schuldhulp, GGZ, verslavingszorg)",
    sensitive_node_hint: "Een weg loopt er nooit doorheen en niemand wordt als cliënt genoemd, tenzij je het bij een zoekvraag toestaat.",
    without_professionals: "Zonder mezelf en beroepskrachten",
    allow_sensitive: "Ook via gevoelige plekken (schuldhulp, GGZ…)",
    welcome: "Welkom bij wijkweb",
    welcome_what_first: "Open je wijk, begin een nieuwe, of kijk eerst rond in de demowijk.",
    empty_wijk: "Deze wijk is nog leeg",
    empty_wijk_what_first: "Waarmee wil je beginnen?",
    empty_new_person_hint: "Typ haar naam; leg daarna relaties met wie ze kent.",
    import_a_list: "Een lijst importeren…",
    import_a_list_hint: "Een lijst uit Excel, opgeslagen als CSV: een kolom naam, en wat je hebt (rol, wijk, thema's…).",
    look_at_demo: "De demowijk bekijken",
    look_at_demo_hint: "Een verzonnen wijk om alles eerst uit te proberen; je eigen wijk blijft zoals hij is.",
    legend_cut_off: "raakt los als deze stopt",
    legend_asks: "vraagt om dit thema",
    legend_offers: "biedt dit thema aan",
    print_file_map: "kaart",
    print_file_circle: "netwerkcirkel",
    tidy_map: "Kaart opnieuw schikken",
    your_name: "Je naam (voor het logboek)",
    your_name_hint: "Elke wijziging staat in het logboek onder deze naam en je account op deze computer.",
    copy_removed: "{} kon niet worden opgeschoond (ander wachtwoord of beschadigd) en is overschreven en verwijderd.",
    copy_left: "{} kon niet worden opgeschoond of verwijderd: verwijder dit bestand zelf; het vergeten wordt bij elke opening opnieuw geprobeerd.",
    full_copy: "Volledige kopie als bestand…",
    full_copy_hint: "Een volledige kopie van de wijk (JSON), met alle namen en gegevens, ook van wie haar toestemming introk: voor je eigen reservekopie, niet om te delen. Opnieuw inlezen in deze wijk maakt geen dubbelen. Het bestand zegt zelf dat het een reservekopie is.",
    mentions_cleaned: "Haar naam stond ook in {} notities of rollen van anderen; daar staat nu {}.",
};

/// English.
pub static EN: Texts = Texts {
    words: Language::English.words(),
    menu_file: "File",
    menu_edit: "Edit",
    menu_view: "View",
    menu_settings: "Settings",
    menu_help: "Help",
    new_database: "New database…",
    open_database: "Open…",
    recent_files: "Recent files",
    import: "Import…",
    export: "Export…",
    make_backup: "Make a backup",
    undo: "Undo",
    redo: "Redo",
    undo_step: "Undone: {} {}",
    redo_step: "Redone: {} {}",
    nothing_to_undo: "Nothing to undo",
    nothing_to_redo: "Nothing to redo",
    new_person: "New person",
    new_organisation: "New organisation",
    new_initiative: "New initiative",
    fit_all: "Show all",
    pause_layout: "Pause the map",
    resume_layout: "Resume the map",
    layout_running: "The map is settling…",
    drawing_map: "Drawing the map…",
    colour_by: "Colour by",
    colour_kind: "kind",
    colour_community: "group",
    colour_theme: "theme",
    language: "Language",
    shortcuts: "Keyboard shortcuts",
    close: "Close",
    mouse_rows: [
        ("arrows", "move the map"),
        ("wheel, pinch", "zoom around the pointer"),
        ("drag (background)", "move the map"),
        ("drag someone or something on the map", "move and pin it"),
        ("Shift+click, Shift+drag", "select more"),
        ("Shift+drag from one to another", "add a relation"),
        ("Escape", "close the window"),
        ("Enter", "confirm"),
    ],
    search: "Search",
    search_hint: "name, role or theme",
    no_results: "Nothing found",
    filters: "Filters",
    kinds: "Kinds",
    wijk: "Wijk",
    all: "all",
    theme: "Theme",
    relation_kinds: "Relation kinds",
    show_ended: "Show ended relations",
    nothing_selected: "Click someone on the map, or search on the left.",
    n_selected: "{} selected",
    name: "Name",
    kind: "Kind",
    role: "Role",
    themes: "Themes",
    offers: "Offers",
    needs: "Needs",
    contact: "Contact",
    notes: "Notes",
    consent: "Consent",
    consent_date: "Consent given on",
    consent_purpose: "Purpose of the consent",
    consent_expiry: "Consent valid until",
    comma_hint: "separated by commas",
    date_hint: "yyyy-mm-dd",
    not_a_date: "'{}' is not a date (for example 2026-03-01)",
    relations: "Relations",
    relation_kind: "Relation kind",
    strength: "Strength",
    since: "Since",
    until: "Until",
    remove_relation: "Remove relation",
    add_relation_with: "Add a relation with",
    new_relation_kind: "Kind of the new relation",
    delete: "Delete…",
    delete_question: "Delete {}?",
    delete_goes_with: ("{} relation goes with it.", "{} relations go with it."),
    delete_nothing_else: "No relations go with it.",
    can_be_undone: "You can undo this (Ctrl+Z).",
    cancel: "Cancel",
    ok: "OK",
    pinned: "Pinned on the map",
    relations_count: ("{} relation", "{} relations"),
    demo_banner: "This is a demo wijk of made-up people: look around, or open or import your own wijk from File.",
    read_only_banner: "Read-only: {}",
    path: "Path",
    browse: "Browse…",
    import_hint: "A .json snapshot, or nodes.csv and relations.csv (one path per line).",
    format: "Format",
    pseudonymise: "Pseudonymise (replace names)",
    imported: "Read from {}: {} and {}.",
    exported: "Exported to {}",
    backup_made: "Backup made and checked: {}",
    cannot_write_export: "{}: cannot write the export ({}).",
    passphrase_title: "Passphrase for {}",
    passphrase_explain: "This wijk is encrypted. Type its passphrase to open it.",
    passphrase_new_title: "New encrypted wijk: {}",
    passphrase_new_explain: "Choose a passphrase of at least {} characters; a few words in a row are easy to remember. Without it the wijk cannot be opened again, not even by us: keep it safe.",
    passphrase: "Passphrase",
    passphrase_again: "Once more",
    passphrase_empty: "Type the passphrase first.",
    passphrase_too_short: "The passphrase needs at least {} characters.",
    passphrases_differ: "The two passphrases differ.",
    wrong_passphrase: "This passphrase does not open the wijk (or the file is no wijkweb wijk). Try again.",
    open_wijk: "Open",
    create: "Create",
    encrypt_new: "Encrypt with a passphrase",
    encrypted_mark: "encrypted",
    encrypt_wijk: "Encrypt…",
    change_passphrase: "Change passphrase…",
    passphrase_encrypt_title: "Encrypt {}",
    passphrase_encrypt_explain: "Choose a passphrase of at least {} characters. From then on the wijk and all its backups open only with it, and the plain files are overwritten. Without it the wijk cannot be opened again, not even by us: keep it safe.",
    passphrase_change_title: "New passphrase for {}",
    passphrase_change_explain: "Type the passphrase in use, then the new one twice (at least {} characters). The backups get the new passphrase too.",
    passphrase_current: "Current passphrase",
    passphrase_new: "New passphrase",
    wrong_current_passphrase: "The current passphrase is not right.",
    encrypt: "Encrypt",
    change: "Change",
    encrypted_done: (
        "The wijk and {} backup are encrypted; the plain files were overwritten.",
        "The wijk and {} backups are encrypted; the plain files were overwritten.",
    ),
    rekeyed_done: (
        "The wijk and {} backup have a new passphrase.",
        "The wijk and {} backups have a new passphrase.",
    ),
    copies_left: "Not converted, as they would not open: {}",
    cannot_protect: "That did not work; the wijk is as it was. {}",
    store_errors: None,
    error: "Error",
    map: "Map of the wijk",
    legend: "Legend",
    other: "other",
    group: "group {}",
    dismiss: "Dismiss message",
    read_only: "read-only",
    tab_map: "Map",
    tab_path: "Find a way",
    tab_kenners: "Connectors",
    tab_risks: "Risks",
    tab_needs: "Needs and offers",
    from: "From",
    to: "To",
    to_node: "someone or something",
    to_theme: "an offer (theme)",
    avoid: "Not via",
    ways: "Number of ways",
    find_way: "Find a way",
    no_way: "No way found.",
    way_unknown_node: "{} is no longer in the wijk; choose another start or end.",
    way_avoided_end: "{} is the start or end of the way and also under ‘not via’; remove one of the two.",
    way_n: "Way {} (cost {})",
    working: "Working… ({} s)",
    clear: "Clear",
    way_from_here: "Find a way from here",
    way_to_here: "Find a way to here",
    size_by_kenner: "Size by connector score",
    best_persons: "'Best Persons': who cuts others off if she stops",
    cuts_off: (
        "{} other is cut off if this one stops",
        "{} others are cut off if this one stops",
    ),
    takeover: "could take over: {}",
    isolated: "Isolated residents",
    none_found: "none",
    asked_by: "asked by {}",
    offered_by: "offered by {}",
    can_reach: ("{} can reach it", "{} can reach it"),
    cannot_reach: ("{} cannot reach it", "{} cannot reach it"),
    unmet: "Asked, offered nowhere",
    asked_by_count: "asked by {} (click the theme for the names)",
    askers_on_request: "Who asks for what is sensitive: the names show once you click a theme.",
    network_circle: "Network circle",
    back_to_wijk: "Back to the wijk",
    export_casus: "Export for the case meeting",
    keep_consented: "Who gave written consent keeps her name",
    circle_of: "Network circle of {}",
    show_sensitive: "Show needs and notes",
    hide_sensitive: "Hide needs and notes",
    sensitive_hidden: "Needs and notes are hidden (sensitive).",
    legal_basis: "Legal basis",
    share_with: "Share with",
    withdrawn: "Consent withdrawn on",
    forget: "Forget…",
    forget_question: "Forget {}?",
    forget_explain: "Everything about her is erased: her data, her relations, what the log kept about her and what the backups hold. This cannot be undone.",
    forgotten: "{} is forgotten.",
    inzage: "Access request (inzage)…",
    inzage_hint: "Everything wijkweb keeps about her goes into this folder: inzage.txt (to read) and inzage.json (to take along). The request is logged. Read it before you hand it over.",
    inzage_done: "The access request of {} is answered in {} (inzage.txt and inzage.json).",
    cannot_write: "{}: cannot write ({}).",
    review: "Due for review…",
    review_nothing: "Nothing due for review: no retention period passed, no consent expired or withdrawn, and everyone has a legal basis.",
    review_count: "Due for review: {}",
    review_hint: "Click a name to select her; on the right you fill in the legal basis, renew the consent or choose ‘Forget…’.",
    retention: "Retention periods (empty: none)",
    retention_kinds: ["Persons", "Organisations", "Initiatives", "Ended relations"],
    months: "months",
    keep_retention: "Keep periods",
    retention_invalid: "A retention period is a whole number of months, or empty for none.",
    review_withdrawn: "consent withdrawn on {}: forget her, or keep only what another legal basis allows",
    review_expired: "consent expired on {}: renew it or forget the person",
    review_no_basis: "no legal basis recorded: fill in the legal basis",
    review_past_retention: "retention period of {} passed (last changed {}): renew or forget",
    review_ended: "relation ended on {}, retention period of {} passed: delete it",
    sectors: [
        "family",
        "friends and neighbours",
        "volunteers and initiatives",
        "professionals",
    ],
    consent_status: ["none", "verbal", "written"],
    strengths: ["weak", "normal", "strong"],
    node_kinds: ["person", "organisation", "initiative"],
    actions: [
        "add",
        "change",
        "delete",
        "add relation",
        "change relation",
        "delete relation",
        "move",
    ],
    already_open: "This wijk is open already ({}).",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    print: "Print…",
    print_hint: "Makes an A4 PDF of what you see now (the map or the network circle) and opens it for printing.",
    printed: "Ready to print: {}",
    printed_no_viewer: "Written to {}; there is no program here that opens PDFs: open the file yourself to print it.",
    messages: "Messages…",
    no_messages: "No messages yet.",
    quit: "Quit",
    keys_on_map: "Keys without Ctrl work while the pointer is over the map and you are not typing in a field.",
    name_or_path: "Name of the wijk (or a full path)",
    new_wijk_hint: "A new, empty wijk. A name is enough: the file goes into the wijkweb folder in your documents.",
    will_be_made_as: "Will be made as: {}",
    new_wijk_goes_to: "New wijken go into {}",
    no_file_dialog: "There is no desktop file dialog here: type the name or the path in the field.",
    relation_removed: "Relation between {} and {} removed.",
    nodes_count: (
        "{} person, organisation or initiative",
        "{} persons, organisations and initiatives",
    ),
    months_count: ("{} month", "{} months"),
    this_list: "this list",
    name_twice: "Note: '{}' is in the list {} times ({}): each became a person of their own; merge them if they are one.",
    auto: "automatic (proposed)",
    sensitive_node: "Sensitive (such as debt help, mental health, addiction care)",
    sensitive_node_hint: "A way never runs through it and nobody is named as its client, unless you allow it for a search.",
    without_professionals: "Without me and paid professionals",
    allow_sensitive: "Also through sensitive places (debt help, mental health…)",
    welcome: "Welcome to wijkweb",
    welcome_what_first: "Open your wijk, start a new one, or look around the demo wijk first.",
    empty_wijk: "This wijk is still empty",
    empty_wijk_what_first: "What would you like to start with?",
    empty_new_person_hint: "Type her name; then add relations with whom she knows.",
    import_a_list: "Import a list…",
    import_a_list_hint: "A list from Excel saved as CSV: a name column, and whatever else you have (role, wijk, themes…).",
    look_at_demo: "Look at the demo wijk",
    look_at_demo_hint: "An invented wijk to try everything first; your own wijk stays as it is.",
    legend_cut_off: "cut off if this one stops",
    legend_asks: "asks for this theme",
    legend_offers: "offers this theme",
    print_file_map: "map",
    print_file_circle: "network-circle",
    tidy_map: "Tidy the map",
    your_name: "Your name (for the log)",
    your_name_hint: "Every change is logged under this name and your account on this computer.",
    copy_removed: "{} could not be cleaned (another passphrase, or damaged) and was overwritten and removed.",
    copy_left: "{} could be neither cleaned nor removed: remove this file yourself; the erasure is tried again at every opening.",
    full_copy: "Full copy as a file…",
    full_copy_hint: "A full copy of the wijk (JSON) with every name and all data, also of those who withdrew consent: for your own backup, not for sharing. Importing it into this wijk again makes no doubles. The file itself says it is a backup.",
    mentions_cleaned: "Her name was also in {} notes or roles of others; they now say {}.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_arguments_in_order_and_leaves_missing_blanks_empty() {
        assert_eq!(fill("{} en {}", &["a", "b"]), "a en b");
        assert_eq!(fill("{} en {}", &["a"]), "a en ");
        assert_eq!(fill("geen", &["a"]), "geen");
    }

    #[test]
    fn the_stores_refusals_are_worded_in_dutch_with_the_file_and_in_english_as_the_core_has_them() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("wijk.sqlite");
        let refusals = [
            StoreError::Missing(db.clone()),
            StoreError::NotADatabase(db.clone()),
            StoreError::NotWijkweb {
                path: db.clone(),
                reason: "application_id 42".into(),
            },
            StoreError::Newer {
                path: db.clone(),
                found: 9,
                supported: 3,
            },
            StoreError::Encrypted(db.clone()),
            StoreError::WrongKey(db.clone()),
            StoreError::ReadOnly(db.clone()),
            StoreError::Locked(db.clone()),
            StoreError::InUse(db.clone()),
            StoreError::Damaged {
                path: db.clone(),
                detail: "*** in database main ***".into(),
                advice: "The newest backup is ...".into(),
            },
            StoreError::DiskError(db.clone()),
            StoreError::DiskFull(db.clone()),
        ];
        let file = db.display().to_string();
        for err in &refusals {
            let dutch = NL.store_error(err);
            assert!(dutch.starts_with(&format!("{file}: ")), "{dutch}");
            for english in [" the ", " is not ", "this ", " was "] {
                assert!(!dutch.contains(english), "{english:?} in {dutch}");
            }
            assert_eq!(EN.store_error(err), err.to_string());
        }
        let newer = NL.store_error(&refusals[3]);
        assert!(newer.contains("schemaversie 9") && newer.contains("tot en met 3"));
        let damaged = NL.store_error(&refusals[9]);
        assert!(damaged.contains("*** in database main ***"), "{damaged}");
        assert!(damaged.contains("geen back-up gevonden"), "{damaged}");
        // With a backup, the advice names it.
        let backup = crate::store::Store::open(&db, crate::store::OpenMode::CreateIfMissing)
            .unwrap()
            .backup()
            .unwrap();
        let damaged = NL.store_error(&refusals[9]);
        let advice = format!("De nieuwste back-up is {}; zet die terug", backup.display());
        assert!(damaged.contains(&advice), "{damaged}");
        let unknown = NL.store_error(&StoreError::UnknownNode("p-7".into()));
        assert_eq!(unknown, "Er is niemand (en niets) met id 'p-7' in de wijk.");
        // Refused changes and bad input go through the Dutch table; English stays the core's.
        let rule = StoreError::Invalid(Rule::NodeExists("p-7".into()));
        assert_eq!(
            NL.store_error(&rule),
            "Er is al iemand (of iets) met id 'p-7'."
        );
        assert_eq!(EN.store_error(&rule), "a node with id 'p-7' already exists");
        let input = InputError::new(
            crate::error::Location::new("k.csv", Some(4)).field("strength"),
            crate::error::Problem::StrengthRange { value: 9 },
        );
        assert!(
            NL.store_error(&StoreError::Input(input.clone()))
                .starts_with("k.csv, regel 4, veld 'strength': sterkte 9 ligt niet tussen")
        );
        assert_eq!(
            EN.input_error(&input),
            "k.csv, line 4, field 'strength': strength 9 is outside 1-3 (1 weak, 2 normal, 3 strong). Nothing was imported."
        );
    }

    #[test]
    fn every_undoable_action_has_words_in_both_languages() {
        for action in crate::store::history::UNDOABLE {
            assert!(!NL.action(action).is_empty());
            assert!(!EN.action(action).is_empty());
        }
        assert_eq!(NL.action("delete_node"), "verwijderen");
        assert_eq!(EN.action("move_nodes"), "move");
    }
}
