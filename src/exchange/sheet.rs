//! Spreadsheets (.xlsx, .xlsm, .xls, .ods; read with calamine, written with
//! rust_xlsxwriter): each sheet is read as the CSV it would be saved as, by the CSV
//! reader's own rules (DESIGN §4.5). A workbook may hold a nodes sheet and a relations
//! sheet (our columns, Dutch or English), a single sheet of persons, or Kumu's Elements
//! and Connections; a sheet with neither kind of columns (notes, a legend) is passed by.
//! Errors name the file, the sheet and the row as Excel numbers it.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{InputError, Location, Problem};
use crate::model::{Node, Relation};
use crate::records::{ImportBatch, ImportOptions};

/// Whether the bytes are a workbook calamine reads: a zip (xlsx, ods) or an OLE file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

/// What a zipped workbook (xlsx, ods) says it holds unpacked, by its own directory; none
/// for a workbook that is no zip (xls) or one the zip reader refuses (calamine then says
/// what is wrong with it).
fn unpacked_size(bytes: &[u8]) -> Option<u64> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).ok()?.size());
    }
    Some(total)
}

/// The file name with its sheet, as errors show it: `wijk.xlsx [Relaties]`.
fn sheet_file(file: &str, sheet: &str) -> String {
    format!("{file} [{sheet}]")
}

/// Reads every sheet with nodes or relations into the batch.
pub fn read(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
    batch: &mut ImportBatch,
) -> Result<(), InputError> {
    let refuse = |detail: String| refused(file, detail);
    let mut workbook = open(file, bytes)?;
    let mut read_any = false;
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| refuse(format!("sheet '{name}': {e}")))?;
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let shown = sheet_file(file, &name);
        let text = as_csv(&shown, &range, first_row, first_col)?;
        match super::csv::read_with(&shown, text.as_bytes(), options, batch) {
            Ok(()) => read_any = true,
            // A sheet of something else (notes, a legend) is not the wijk's.
            Err(InputError {
                problem: Problem::NotCsv | Problem::Empty,
                ..
            }) => {}
            Err(e) => return Err(e),
        }
    }
    if read_any {
        Ok(())
    } else {
        Err(InputError::new(Location::new(file, None), Problem::NoSheet))
    }
}

/// A workbook that cannot be read, and why.
fn refused(file: &str, detail: String) -> InputError {
    InputError::new(Location::new(file, None), Problem::Spreadsheet { detail })
}

/// Opens a workbook, refusing one that would unpack past what any wijk is (a zip bomb)
/// before calamine unpacks it.
fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<calamine::Sheets<Cursor<&'a [u8]>>, InputError> {
    let refuse = |detail: String| refused(file, detail);
    if let Some(size) = unpacked_size(bytes)
        && size > super::MAX_INPUT_BYTES
    {
        return Err(refuse(format!(
            "unpacked it would be {} MB, more than the {} MB any wijk is",
            size >> 20,
            super::MAX_INPUT_BYTES >> 20
        )));
    }
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| refuse(e.to_string()))
}

/// The tables of a workbook by their header rows: each sheet of nodes or relations.
pub(crate) fn tables(
    file: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<Vec<crate::records::TableColumns>, InputError> {
    let mut workbook = open(file, bytes)?;
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| refused(file, format!("sheet '{name}': {e}")))?;
        let Some(first) = range.rows().next() else {
            continue;
        };
        let cells: Vec<String> = first.iter().map(|c| text(c).unwrap_or_default()).collect();
        tables.extend(super::csv::table_columns(
            &sheet_file(file, &name),
            &cells,
            options,
        ));
    }
    Ok(tables)
}

/// The sheet as CSV text: a blank line for each row above the used range, so that the
/// CSV reader's lines are Excel's row numbers.
fn as_csv(
    shown: &str,
    range: &calamine::Range<Data>,
    first_row: u32,
    first_col: u32,
) -> Result<String, InputError> {
    let mut out = "\n".repeat(first_row as usize).into_bytes();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .flexible(true)
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        for (i, row) in range.rows().enumerate() {
            let line = u64::from(first_row) + i as u64 + 1;
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, cell)| text(cell).ok_or((c, cell)))
                .collect::<Result<Vec<String>, _>>()
                .map_err(|(c, cell)| {
                    InputError::new(
                        Location::new(shown, Some(line))
                            .field(column_letters(first_col + c as u32)),
                        Problem::Spreadsheet {
                            detail: format!("the cell holds the error {cell}"),
                        },
                    )
                })?;
            // A row of empty cells is a blank line (as Excel saves it).
            if cells.iter().all(String::is_empty) {
                writer.write_record(None::<&[u8]>).ok();
                continue;
            }
            writer.write_record(&cells).map_err(|e| {
                InputError::new(
                    Location::new(shown, Some(line)),
                    Problem::Spreadsheet {
                        detail: e.to_string(),
                    },
                )
            })?;
        }
        writer.flush().ok();
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A cell as the text Excel shows for it, dates as 2024-03-01; none for an error cell
/// (`#REF!`, `#N/A`), which is not a value.
fn text(cell: &Data) -> Option<String> {
    Some(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers as Excel shows them (2, not 2.0); others as they are.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => s
            .get(..10)
            .filter(|_| s.len() >= 10)
            .unwrap_or(s)
            .to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => return None,
    })
}

/// Excel's letters for a 0-based column: A, B, ... Z, AA.
fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Writes a workbook with two sheets, "Personen en organisaties" and "Relaties", with the
/// Dutch headers the CSV reader reads back; formula-like text is written as text, never
/// run.
pub fn write(path: &Path, nodes: &[Node], relations: &[Relation]) -> std::io::Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let io = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let (node_rows, relation_rows) = super::csv::rows(nodes, relations);
    for (title, headers, rows) in [
        (
            "Personen en organisaties",
            NODE_HEADERS.as_slice(),
            node_rows,
        ),
        ("Relaties", RELATION_HEADERS.as_slice(), relation_rows),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(title).map_err(io)?;
        for (c, header) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *header, &bold)
                .map_err(io)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet
                        .write_string(r as u32 + 1, c as u16, value)
                        .map_err(io)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(io)?;
        sheet.autofit();
    }
    let bytes = workbook.save_to_buffer().map_err(io)?;
    super::write_atomically(path, |out| std::io::Write::write_all(out, &bytes))
}

/// The Dutch headers of the nodes sheet, in [`super::csv::NODE_COLUMNS`]' order.
pub const NODE_HEADERS: [&str; 17] = [
    "id",
    "soort",
    "naam",
    "wijk",
    "rol",
    "thema's",
    "aanbod",
    "vraag",
    "contact",
    "notities",
    "gevoelig",
    "sinds",
    "tot",
    "reden vertrek",
    "laatste contact",
    "opvolgen",
    "opvolgen wat",
];

/// The Dutch headers of the relations sheet, in [`super::csv::RELATION_COLUMNS`]' order.
pub const RELATION_HEADERS: [&str; 13] = [
    "van",
    "naar",
    "soort",
    "sterkte",
    "sinds",
    "tot",
    "notities",
    "kwaliteit",
    "steun",
    "steunrichting",
    "bevestigd",
    "gewicht",
    "id",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn the_dutch_headers_read_back_as_our_columns() {
        for (dutch, ours) in NODE_HEADERS.iter().zip(super::super::csv::NODE_COLUMNS) {
            assert_eq!(super::super::csv::column_name(dutch), ours);
        }
        for (dutch, ours) in RELATION_HEADERS
            .iter()
            .zip(super::super::csv::RELATION_COLUMNS)
        {
            assert_eq!(super::super::csv::column_name(dutch), ours);
        }
    }
}
