//! Before a sheet is imported: which column becomes which field (she can change each, or
//! leave a column out), what the import would read, and the names that occur twice, all
//! before anything is written.

use std::path::PathBuf;

use egui::{Context, RichText};

use super::{Outcome, centred_window};
use crate::app::i18n::{Texts, count, fill};
use crate::error::Problem;
use crate::exchange::csv::{NODE_COLUMNS, RELATION_COLUMNS};
use crate::exchange::sheet::{NODE_HEADERS, RELATION_HEADERS};
use crate::records::{ColumnUse, ImportOptions, TableColumns};
use crate::words::Language;

/// What the import would do with the files as mapped now.
#[derive(Clone, Debug)]
enum Preview {
    /// It reads this many nodes and relations; these names are on several rows.
    Reads {
        nodes: usize,
        relations: usize,
        twice: Vec<crate::store::DuplicateName>,
    },
    /// It will ask a question first (direction, date order): fine to go on.
    Asks,
    /// It refuses, for this reason.
    Refused(String),
}

/// The columns dialog of an import.
#[derive(Clone, Debug)]
pub struct ColumnsDialog {
    paths: Vec<PathBuf>,
    options: ImportOptions,
    tables: Vec<TableColumns>,
    preview: Preview,
}

impl ColumnsDialog {
    /// The dialog for importing `paths`; none when they hold no table (snapshots and graph
    /// files import at once) or cannot be read (the import then says why).
    pub fn new(paths: &[PathBuf], options: ImportOptions, t: &Texts) -> Option<Self> {
        let tables = crate::exchange::tables(paths, &options).ok()?;
        if tables.is_empty() {
            return None;
        }
        let mut dialog = Self {
            paths: paths.to_vec(),
            options,
            tables,
            preview: Preview::Asks,
        };
        dialog.preview = dialog.read(t);
        Some(dialog)
    }

    /// What each column becomes as mapped now (from the headers read when it opened), and
    /// what the import would read.
    fn refresh(&mut self, t: &Texts) {
        for table in &mut self.tables {
            *table = remapped(table, &self.options);
        }
        self.preview = self.read(t);
    }

    /// What the import would read from the files as mapped now.
    fn read(&self, t: &Texts) -> Preview {
        match crate::exchange::read_inputs_with(&self.paths, &self.options) {
            Ok(batch) => Preview::Reads {
                nodes: batch.nodes.len(),
                relations: batch.relations.len(),
                twice: crate::store::duplicate_names(&batch.nodes),
            },
            Err(err)
                if matches!(
                    err.problem,
                    Problem::DirectedEdge | Problem::AmbiguousDate { .. }
                ) =>
            {
                Preview::Asks
            }
            Err(err) => Preview::Refused(t.input_error(&err)),
        }
    }

    /// Shows the dialog; returns whether it stays open, and what was decided.
    pub fn show(&mut self, ctx: &Context, t: &Texts) -> (bool, Outcome) {
        let mut outcome = Outcome::None;
        let mut open = true;
        let mut changed = false;
        centred_window(t.columns_title, "columns_dialog").show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.label(t.columns_explain);
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.5)
                .show(ui, |ui| {
                    for (k, table) in self.tables.iter().enumerate() {
                        ui.add_space(6.0);
                        let what = if table.relations {
                            t.columns_relations
                        } else {
                            t.columns_nodes
                        };
                        ui.strong(fill(what, &[&table.file]));
                        egui::Grid::new(("columns", k))
                            .num_columns(2)
                            .striped(true)
                            .show(ui, |ui| {
                                for (c, (header, used)) in table.columns.iter().enumerate() {
                                    if let Some(choice) =
                                        column_choice(ui, t, table, (k, c), header, used)
                                    {
                                        self.options.columns.insert(key(header), choice);
                                        changed = true;
                                    }
                                    ui.end_row();
                                }
                            });
                    }
                });
            ui.separator();
            match &self.preview {
                Preview::Reads {
                    nodes,
                    relations,
                    twice,
                } => {
                    ui.label(fill(
                        t.columns_reads,
                        &[
                            &count(t.nodes_count, *nodes),
                            &count(t.relations_count, *relations),
                        ],
                    ));
                    if twice.is_empty() {
                        ui.weak(t.columns_no_twice);
                    } else {
                        ui.label(RichText::new(t.columns_twice).strong());
                        for name in twice.iter().take(10) {
                            ui.label(fill(
                                t.columns_twice_line,
                                &[&name.name, &name.at.len().to_string(), &t.places(name)],
                            ));
                        }
                        if twice.len() > 10 {
                            ui.weak(format!("… +{}", twice.len() - 10));
                        }
                    }
                }
                Preview::Asks => {
                    ui.weak(t.columns_asks);
                }
                Preview::Refused(why) => {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
            }
            ui.horizontal(|ui| {
                if ui.button(t.columns_import).clicked() {
                    outcome = Outcome::ImportWith(self.paths.clone(), self.options.clone());
                    open = false;
                }
                if ui.button(t.cancel).clicked() {
                    open = false;
                }
            });
        });
        if changed {
            self.refresh(t);
        }
        (open, outcome)
    }
}

/// A table's columns under `options`. A table that no longer has a name (or ends) as
/// mapped stays in the dialog with her choices, so that she can take them back (the
/// preview says why it would not read).
fn remapped(table: &TableColumns, options: &ImportOptions) -> TableColumns {
    let cells: Vec<String> = table.columns.iter().map(|(h, _)| h.clone()).collect();
    crate::exchange::csv::table_columns(&table.file, &cells, options).unwrap_or_else(|| {
        let mut kept = table.clone();
        for (header, used) in &mut kept.columns {
            match options.columns.get(&key(header)) {
                Some(Some(field)) => *used = ColumnUse::Field(field.clone()),
                Some(None) => *used = ColumnUse::Left,
                None => {}
            }
        }
        kept
    })
}

/// How a header is keyed in [`ImportOptions::columns`].
fn key(header: &str) -> String {
    header.trim().to_lowercase()
}

/// One row: the column's header and what it becomes, to choose; returns her choice.
fn column_choice(
    ui: &mut egui::Ui,
    t: &Texts,
    table: &TableColumns,
    salt: (usize, usize),
    header: &str,
    used: &ColumnUse,
) -> Option<Option<String>> {
    let fields: &[&str] = if table.relations {
        &RELATION_COLUMNS
    } else {
        &NODE_COLUMNS
    };
    let shown = |field: &str| field_label(t.words.language, table.relations, field);
    let selected = match used {
        ColumnUse::Field(field) => RichText::new(shown(field)),
        ColumnUse::Left => RichText::new(t.columns_left_out).weak(),
        ColumnUse::Unknown => RichText::new(t.columns_unknown).color(ui.visuals().error_fg_color),
    };
    let mut choice = None;
    egui::ComboBox::new(salt, header)
        .selected_text(selected)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(matches!(used, ColumnUse::Left), t.columns_left_out)
                .clicked()
            {
                choice = Some(None);
            }
            for field in fields {
                let on = matches!(used, ColumnUse::Field(f) if f == field);
                if ui.selectable_label(on, shown(field)).clicked() {
                    choice = Some(Some((*field).to_owned()));
                }
            }
        });
    choice
}

/// A field as she reads it: the Dutch header of our own workbook, or the English name.
fn field_label(language: Language, relations: bool, field: &str) -> String {
    let (ours, dutch): (&[&str], &[&str]) = if relations {
        (&RELATION_COLUMNS, &RELATION_HEADERS)
    } else {
        (&NODE_COLUMNS, &NODE_HEADERS)
    };
    match language {
        Language::Dutch => ours
            .iter()
            .position(|f| *f == field)
            .map_or(field, |i| dutch[i])
            .to_owned(),
        Language::English => field.replace('_', " "),
    }
}
