//! The questions that confirm a node goes: a delete (which can be undone, so Enter
//! confirms it) and an erasure (which cannot, and waits for its button); and what the
//! direction of an imported file's edges means.

use egui::Context;

use super::{Outcome, centred_window};
use crate::app::i18n::{Texts, count, fill};

/// Asks whether node `id` goes; `deleting` is its name and relation count (none: it is
/// gone already, and the dialog closes). Returns whether it stays open, and the outcome.
pub(super) fn delete(
    ctx: &Context,
    t: &Texts,
    id: &str,
    deleting: Option<(String, usize)>,
    enter: bool,
) -> (bool, Outcome) {
    let mut outcome = Outcome::None;
    let mut open = true;
    let Some((name, relations)) = deleting else {
        return (false, Outcome::None);
    };
    centred_window(fill(t.delete_question, &[&name]), "delete_dialog").show(ctx, |ui| {
        if relations > 0 {
            ui.label(count(t.delete_goes_with, relations));
        } else {
            ui.label(t.delete_nothing_else);
        }
        ui.weak(t.can_be_undone);
        ui.horizontal(|ui| {
            if ui.button(t.delete.trim_end_matches('…')).clicked() || enter {
                outcome = Outcome::Delete(id.to_owned());
                open = false;
            }
            if ui.button(t.cancel).clicked() {
                open = false;
            }
        });
    });
    (open, outcome)
}

/// Asks where the file she opened goes: into the open wijk (`current`, its name; none when
/// no wijk is open for writing) or into a new one named after the file.
pub(super) fn opened_file(
    ctx: &Context,
    t: &Texts,
    path: &std::path::Path,
    current: Option<&str>,
) -> (bool, Outcome) {
    let mut outcome = Outcome::None;
    let mut open = true;
    let new = new_wijk_for(path);
    let new_name = new
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    centred_window(t.opened_file_question, "opened_file_dialog").show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.label(fill(t.opened_file_explain, &[&path.display().to_string()]));
        ui.horizontal_wrapped(|ui| {
            if let Some(current) = current
                && ui.button(fill(t.opened_into_current, &[current])).clicked()
            {
                outcome = Outcome::Import(vec![path.to_path_buf()]);
                open = false;
            }
            if ui.button(fill(t.opened_into_new, &[&new_name])).clicked() {
                outcome = Outcome::ImportIntoNew(path.to_path_buf());
                open = false;
            }
            if ui.button(t.cancel).clicked() {
                open = false;
            }
        });
    });
    (open, outcome)
}

/// The new wijk a file to import goes into: named after the file (`buurt.wijkweb.json`
/// becomes `buurt.wijk`) in the wijkweb folder, with `-2`, `-3`… when that name is taken.
pub fn new_wijk_for(path: &std::path::Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    let known = [
        ".wijkweb.json",
        ".json",
        ".csv",
        ".tsv",
        ".txt",
        ".xlsx",
        ".xls",
        ".ods",
        ".graphml",
        ".gexf",
        ".xml",
    ];
    let stem = known
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map_or(name.as_str(), |ext| &name[..name.len() - ext.len()]);
    let stem = if stem.trim().is_empty() { "wijk" } else { stem };
    super::unused_path(&super::wijkweb_folder(), stem, super::WIJK_EXTENSION)
}

/// Asks one question about the files of an import: each answer a button that imports
/// `paths` with its options, and Annuleren.
fn import_question(
    ctx: &Context,
    t: &Texts,
    (title, id): (&str, &str),
    explain: &str,
    paths: &[std::path::PathBuf],
    answers: Vec<(String, crate::records::ImportOptions)>,
) -> (bool, Outcome) {
    let mut outcome = Outcome::None;
    let mut open = true;
    centred_window(title, id).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.label(explain);
        ui.horizontal(|ui| {
            for (label, options) in answers {
                if ui.button(label).clicked() {
                    outcome = Outcome::ImportWith(paths.to_vec(), options);
                    open = false;
                }
            }
            if ui.button(t.cancel).clicked() {
                open = false;
            }
        });
    });
    (open, outcome)
}

/// Asks what the direction of an imported file's edges means, then imports `paths` so.
pub(super) fn directed(
    ctx: &Context,
    t: &Texts,
    paths: &[std::path::PathBuf],
    options: crate::records::ImportOptions,
) -> (bool, Outcome) {
    use crate::records::{Directed, ImportOptions};
    let answers = [
        (t.directed_refers_to, Directed::RefersTo),
        (t.directed_ignore, Directed::Ignore),
    ]
    .into_iter()
    .map(|(label, directed)| {
        let answered = ImportOptions {
            directed: Some(directed),
            ..options.clone()
        };
        (label.to_owned(), answered)
    })
    .collect();
    import_question(
        ctx,
        t,
        (t.directed_question, "directed_dialog"),
        t.directed_explain,
        paths,
        answers,
    )
}

/// Asks which comes first in the file's dates like `date` (3/1/2024), each answer with
/// what it makes of that date, then imports `paths` so.
pub(super) fn date_order(
    ctx: &Context,
    t: &Texts,
    paths: &[std::path::PathBuf],
    options: crate::records::ImportOptions,
    date: &str,
) -> (bool, Outcome) {
    use crate::model::DateOrder;
    use crate::records::ImportOptions;
    let answers = [
        (t.date_day_first, DateOrder::DayFirst),
        (t.date_month_first, DateOrder::MonthFirst),
    ]
    .into_iter()
    .filter_map(|(label, order)| {
        let day = crate::model::parse_file_date(date, Some(order)).ok()?;
        let reading = format!(
            "{} {} {}",
            day.day(),
            t.month_names[usize::try_from(day.month() - 1).unwrap_or(0)],
            day.year()
        );
        let answered = ImportOptions {
            date_order: Some(order),
            ..options.clone()
        };
        Some((fill(label, &[&reading]), answered))
    })
    .collect();
    import_question(
        ctx,
        t,
        (t.date_order_question, "date_order_dialog"),
        &fill(t.date_order_explain, &[date]),
        paths,
        answers,
    )
}

/// Asks whether person `id` is erased for good; `deleting` holds her name.
pub(super) fn forget(
    ctx: &Context,
    t: &Texts,
    id: &str,
    deleting: Option<(String, usize)>,
) -> (bool, Outcome) {
    let mut outcome = Outcome::None;
    let mut open = true;
    let Some((name, _)) = deleting else {
        return (false, Outcome::None);
    };
    centred_window(fill(t.forget_question, &[&name]), "forget_dialog").show(ctx, |ui| {
        ui.set_max_width(360.0);
        ui.label(t.forget_explain);
        ui.horizontal(|ui| {
            if ui.button(t.forget.trim_end_matches('…')).clicked() {
                outcome = Outcome::Forget(id.to_owned());
                open = false;
            }
            if ui.button(t.cancel).clicked() {
                open = false;
            }
        });
    });
    (open, outcome)
}
