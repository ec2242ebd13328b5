//! Every string the app shows, one typed table per language: a missing translation is a
//! compile error, not a blank button. Templates mark their blanks with `{}` and are filled
//! by [`fill`] in order.

use std::path::Path;

use crate::error::{InputError, Rule, StoreError};
use crate::model::{ConsentStatus, NodeKind, RelationKind};
use crate::store::Change;
pub use crate::words::{Language, Words, fill};

/// The app's strings of a language.
pub fn texts(language: Language) -> &'static Texts {
    match language {
        Language::Dutch => &NL,
        Language::English => &EN,
    }
}

pub use crate::words::{Plural, count};

mod en;
mod nl;

pub use en::EN;
pub use nl::NL;

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
    /// The follow-up tab.
    pub tab_follow_up: &'static str,
    /// It still holds.
    pub still_holds: &'static str,
    /// "Doorverwijzen via deze weg" button under a route.
    pub refer_this_way: &'static str,
    /// its hover: {} the resident, {} where to.
    pub refer_hint: &'static str,
    /// a referral stored: resident, where to, follow-up day.
    pub referred: &'static str,
    /// a referral's outcome stored: resident, where to, status.
    pub referral_set: &'static str,
    /// "Moment vastleggen" in the circle's header.
    pub record_moment: &'static str,
    /// its hover.
    pub record_moment_hint: &'static str,
    /// a moment stored: day, contacts.
    pub moment_recorded: &'static str,
    /// a heading of changes since a moment: its line.
    pub since_moment: &'static str,
    /// the moments list in the changes dialog.
    pub moments_heading: &'static str,
    /// It has ended.
    pub has_ended: &'static str,
    /// Under an empty follow-up list: how someone gets on it.
    pub follow_up_hint: &'static str,
    /// The last contact with her (a date field).
    pub last_contact: &'static str,
    /// The day to follow her up (a date field).
    pub follow_up_on: &'static str,
    /// What to follow up (a text field).
    pub follow_up_what: &'static str,
    /// The one-click button: a contact with her today.
    pub contact_recorded: &'static str,
    /// "Wat is veranderd sinds…" (a button, a menu entry, the dialog's title).
    pub changes_since: &'static str,
    /// Its button that shows the days typed.
    pub changes_show: &'static str,
    /// The hint in the day field of Kaart op datum.
    pub past_day_hint: &'static str,
    /// In a relation's details: the last day it was known to hold.
    pub confirmed_on: &'static str,
    /// Above the details on a map of the past.
    pub past_details: &'static str,
    /// An edit tried on a map of the past.
    pub past_read_only: &'static str,
    /// The legend's line for relations drawn faded.
    pub legend_stale: &'static str,
    /// A casus export asked on a map of the past.
    pub past_no_casus: &'static str,
    /// "Kaart op datum": the toolbar's menu for a map of the past.
    pub map_on_date: &'static str,
    /// The label of a day field.
    pub day_label: &'static str,
    /// Under the day field: what a map of the past shows.
    pub map_on_date_hint: &'static str,
    /// The way back from a map of the past.
    pub back_to_today: &'static str,
    /// The banner over a map of the past: its day.
    pub past_banner: &'static str,
    /// A day typed for a map of the past that is not in the past.
    pub past_not_before_today: &'static str,
    /// In the changes dialog: draw them on the map.
    pub show_changes_on_map: &'static str,
    /// Over the map while changes are drawn on it: which.
    pub changes_on_map_banner: &'static str,
    /// The way back to the map without the changes.
    pub changes_off_map: &'static str,
    /// In the follow-up tab: after how many months without contact someone is listed.
    pub contact_months: &'static str,
    /// In the follow-up tab: after how many months a relation not confirmed is asked about.
    pub stale_months: &'static str,
    /// "{} is not before {}".
    pub changes_order: &'static str,
    /// Since when a node is in the wijk.
    pub in_wijk_since: &'static str,
    /// The first day she is no longer in the wijk.
    pub left_wijk_on: &'static str,
    /// Why she left.
    pub left_reason: &'static str,
    /// "left ({}) before she came ({})".
    pub left_before_came: &'static str,
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
    /// The paper of a PDF.
    pub paper: &'static str,
    /// A4, A3 and A0, as offered.
    pub paper_a4: &'static str,
    /// A3.
    pub paper_a3: &'static str,
    /// A0.
    pub paper_a0: &'static str,
    /// A PNG for print.
    pub print_resolution: &'static str,
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
    /// The title of the dialog that shows which column becomes which field.
    pub columns_title: &'static str,
    /// What it is for.
    pub columns_explain: &'static str,
    /// A table of nodes: {} the file (and sheet).
    pub columns_nodes: &'static str,
    /// A table of relations: {} the file (and sheet).
    pub columns_relations: &'static str,
    /// What the import would read: {} nodes, {} relations.
    pub columns_reads: &'static str,
    /// No name is on two rows.
    pub columns_no_twice: &'static str,
    /// The heading of the names on several rows.
    pub columns_twice: &'static str,
    /// One such name: {} the name, {} how many rows, {} where.
    pub columns_twice_line: &'static str,
    /// The import will ask a question first.
    pub columns_asks: &'static str,
    /// The button that imports.
    pub columns_import: &'static str,
    /// A column left out.
    pub columns_left_out: &'static str,
    /// A column no field takes.
    pub columns_unknown: &'static str,
    /// The title of the question which comes first in a file's dates.
    pub date_order_question: &'static str,
    /// What it is about: {} the date as the file has it.
    pub date_order_explain: &'static str,
    /// Day first: {} what that makes of the date.
    pub date_day_first: &'static str,
    /// Month first: {} what that makes of the date.
    pub date_month_first: &'static str,
    /// The months, January first.
    pub month_names: [&'static str; 12],
    /// The title of the question where a file she opened goes (`wijkweb FILE`, a
    /// double-click on a snapshot or sheet).
    pub opened_file_question: &'static str,
    /// What it is about: {} the file.
    pub opened_file_explain: &'static str,
    /// Import into the open wijk: {} its file name.
    pub opened_into_current: &'static str,
    /// Import into a new wijk: {} the new wijk's file name.
    pub opened_into_new: &'static str,
    /// The question when an imported graph file has directed edges without a kind.
    pub directed_question: &'static str,
    /// What the question is about.
    pub directed_explain: &'static str,
    /// Read directed edges as referrals.
    pub directed_refers_to: &'static str,
    /// Read directed edges without their direction.
    pub directed_ignore: &'static str,
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
    pub retention_kinds: [&'static str; 5],
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
    /// A casus moment past its retention: its day, the period.
    pub review_moment: &'static str,
    /// The button that deletes a casus moment past its retention.
    pub delete_moment: &'static str,
    /// Consent statuses: none, verbal, written.
    pub consent_status: [&'static str; 3],
    /// Strengths: weak, normal, strong.
    pub strengths: [&'static str; 3],
    /// The casus dialog's scheme.
    pub casus_scheme: &'static str,
    /// The casus pack's scheme.
    pub scheme: &'static str,
    /// Who drew the casus pack up.
    pub casus_author: &'static str,
    /// Her organisation.
    pub casus_organisation: &'static str,
    /// The purpose of sharing it.
    pub casus_purpose: &'static str,
    /// Also draw the lines between contacts.
    pub casus_between: &'static str,
    /// A contact dragged to another place in the circle (a toast).
    pub placed_in_circle: &'static str,
    /// The button that puts every contact back on the proposed place.
    pub circle_reset: &'static str,
    /// A relation's quality (steunend, neutraal, belastend).
    pub quality: &'static str,
    /// The three qualities, in `Quality::ALL` order.
    pub qualities: [&'static str; 3],
    /// "Support" before the four support types.
    pub support: &'static str,
    /// The support types P, G, A, E, in `SupportType::ALL` order.
    pub support_types: [&'static str; 4],
    /// Who supports whom.
    pub direction: &'static str,
    /// Direction not said.
    pub direction_unknown: &'static str,
    /// "{} supports {}".
    pub supports: &'static str,
    /// Both support each other.
    pub mutual: &'static str,
    /// Node kinds: person, organisation, initiative.
    pub node_kinds: [&'static str; 3],
    /// Action names for undo: add, change, delete node; add, change, delete relation; move.
    pub actions: [&'static str; Change::ALL.len()],
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
    /// The path finder's "also along burdening relations".
    pub allow_burdening: &'static str,
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
    /// The legend's line for someone to follow up.
    pub legend_follow_up: &'static str,
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
    /// Her organisation, in the settings.
    pub your_organisation: &'static str,
    /// What it is used for.
    pub your_organisation_hint: &'static str,
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
            StoreError::UnknownMoment(id) => fill(words.unknown_moment, &[&id.to_string()]),
            StoreError::UnknownReferral(id) => fill(words.unknown_referral, &[id]),
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

    /// The rows a name is on, worded: "wijk.csv, regel 2; wijk.csv, regel 4".
    pub fn places(&self, name: &crate::store::DuplicateName) -> String {
        match self.store_errors {
            Some(words) => name.places_worded(&words.location),
            None => name.places_shown(),
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
            ReviewReason::MomentPastRetention { months, day } => fill(
                self.review_moment,
                &[&day.to_string(), &count(self.months_count, months as usize)],
            ),
        }
    }

    /// The words for an undoable change.
    pub fn action(&self, action: Change) -> &'static str {
        let at = Change::ALL.iter().position(|a| *a == action).unwrap_or(1);
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
    /// A casus moment that is gone: {} its number.
    pub unknown_moment: &'static str,
    /// A referral that is gone: {} its id.
    pub unknown_referral: &'static str,
    /// No such relation ({} the id).
    pub unknown_relation: &'static str,
    /// A refused change, worded whole.
    pub rule: fn(&Rule) -> String,
    /// An import's bad input, worded whole.
    pub input: fn(&InputError) -> String,
    /// Where in an input: file, line and field.
    pub location: fn(&crate::error::Location) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_circle_message_and_the_support_direction_say_the_names() {
        let t = texts(Language::Dutch);
        assert_eq!(
            fill(t.placed_in_circle, &["Fenna", "familie", "bekenden"]),
            "Fenna staat nu bij familie, bekenden"
        );
        assert_eq!(fill(t.supports, &["Kofi", "Naima"]), "Kofi steunt Naima");
        let t = texts(Language::English);
        assert_eq!(fill(t.supports, &["Kofi", "Naima"]), "Kofi supports Naima");
    }

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
        for action in Change::ALL {
            assert!(!NL.action(action).is_empty());
            assert!(!EN.action(action).is_empty());
        }
        assert_eq!(NL.action(Change::DeleteNode), "verwijderen");
        assert_eq!(EN.action(Change::MoveNodes), "move");
    }
}
