//! The core's refusals ([`Rule`]) and input problems ([`Problem`]) in Dutch. The core words
//! them in English for the command line; the app's Dutch table points here, so that a
//! makelaar never reads English in the Dutch window. Quoted values and what a parser library
//! said (`detail`) stay as they are: they are the file's words, or the library's.

use std::path::Path;

use crate::error::{InputError, Location, Problem, Rule};
use crate::model::UnknownKind;
use crate::model::limits::{LimitProblem, MAX_COORDINATE};

fn file(path: &Path) -> String {
    path.display().to_string()
}

/// Where, in Dutch: "bestand.csv, regel 12, veld 'kind'".
pub fn location(location: &Location) -> String {
    let mut text = location.file.to_string();
    if let Some(line) = location.line {
        text.push_str(&format!(", regel {line}"));
    }
    if let Some(field) = &location.field {
        text.push_str(&format!(", veld '{field}'"));
    }
    text
}

/// An import error in Dutch: where, what, and that nothing was imported.
pub fn input(err: &InputError) -> String {
    format!(
        "{}: {}. Er is niets geïmporteerd.",
        location(&err.location),
        problem(&err.problem)
    )
}

fn unknown(unknown: &UnknownKind) -> String {
    let what = match unknown.what {
        "node kind" => "onbekende soort",
        "relation kind" => "onbekende soort relatie",
        "consent status" => "onbekende toestemming",
        "legal basis" => "onbekende grondslag",
        _ => "onbekende waarde",
    };
    format!(
        "{what} '{}' (bekend zijn: {})",
        unknown.given, unknown.expected
    )
}

/// What is wrong with an input file, in Dutch (no final full stop).
pub fn problem(problem: &Problem) -> String {
    match problem {
        Problem::CannotRead { detail } => format!("het bestand kan niet gelezen worden ({detail})"),
        Problem::Empty => "het bestand is leeg".into(),
        Problem::Binary => {
            "dit is geen tekstbestand (er staan binaire gegevens in); verwacht wordt een JSON-momentopname of een CSV-bestand".into()
        }
        Problem::NotSnapshotObject => {
            "geen wijkweb-momentopname in JSON (verwacht wordt een object met \"nodes\" en \"relations\")".into()
        }
        Problem::NotJson { detail } => format!("geen geldige JSON ({detail})"),
        Problem::NotSnapshot { detail } => {
            format!("geen wijkweb-momentopname in JSON ({detail})")
        }
        Problem::SnapshotFormat { found, expected } => format!(
            "geen wijkweb-momentopname (het formaat is '{found}', verwacht wordt '{expected}')"
        ),
        Problem::NewerSnapshot { found, supported } => format!(
            "gemaakt met een nieuwere wijkweb (versie {found}; deze versie leest tot en met {supported}); werk wijkweb bij"
        ),
        Problem::NoNodesNorRelations => {
            "geen wijkweb-momentopname in JSON: er staan geen \"nodes\" en geen \"relations\" in".into()
        }
        Problem::Json { detail } => format!("de waarde klopt niet ({detail})"),
        Problem::NotCsv => {
            "geen wijkweb-CSV-bestand: een bestand met personen, organisaties en initiatieven heeft de kolommen id en name (of naam), een bestand met relaties (of een lijst van verbindingen) van en naar (source en target)".into()
        }
        Problem::UnknownColumn {
            name,
            column,
            known,
        } => format!("onbekende kolom '{name}' (kolom {column}); bekende kolommen: {known}"),
        Problem::DuplicateColumn { name } => format!("de kolom '{name}' staat er twee keer in"),
        Problem::MissingColumn { name } => format!("de verplichte kolom '{name}' ontbreekt"),
        Problem::FieldCount { found, expected } => format!(
            "deze regel heeft {found} velden en de kopregel {expected} (zet een waarde met een scheidingsteken erin tussen aanhalingstekens)"
        ),
        Problem::Csv { detail } => format!("dit CSV-bestand kan niet gelezen worden ({detail})"),
        Problem::NotXml { detail } => format!("geen geldige XML ({detail})"),
        Problem::NotGraphml { root } => {
            format!("geen GraphML- of GEXF-bestand (het hoofdelement is <{root}>)")
        }
        Problem::OtherFormat { format } => format!(
            "wijkweb leest dit bestand niet ({}): sla het op als GraphML of GEXF (Gephi, networkx en igraph kunnen dat allebei), of als CSV",
            dutch_format(format)
        ),
        Problem::Spreadsheet { detail } => {
            format!("dit rekenblad kan niet gelezen worden ({detail})")
        }
        Problem::NoSheet => "geen blad van deze werkmap heeft personen en organisaties (de kolommen id of naam) of relaties (van en naar)".into(),
        Problem::DirectedEdge => "deze verbinding heeft een richting maar geen soort: kies wat de richting betekent (een doorverwijzing, of relaties zonder richting)".into(),
        Problem::MissingId { field } => format!("{field} ontbreekt of is leeg"),
        Problem::MissingKind => {
            "de soort ontbreekt (person, organisation of initiative; persoon, organisatie of initiatief)".into()
        }
        Problem::EmptyName => "de naam is leeg: iedereen en alles in de wijk heeft een naam nodig".into(),
        Problem::UnknownName(name) => unknown(name),
        Problem::NotADate { text } => {
            format!("'{text}' is geen datum (schrijf 2024-03-01 of 1-3-2024)")
        }
        Problem::AmbiguousDate { text } => format!(
            "'{text}' kan twee datums zijn (dag of maand eerst): schrijf 2024-01-03, of kies \
             de volgorde van de datums in het bestand"
        ),
        Problem::StrengthRange { value } => {
            format!("sterkte {value} ligt niet tussen 1 en 3 (1 zwak, 2 gewoon, 3 sterk)")
        }
        Problem::StrengthNotNumber { text } => format!(
            "sterkte '{text}' is geen 1 tot 3 of een woord daarvoor (1 zwak, 2 gewoon, 3 sterk)"
        ),
        Problem::NotYesNo { text } => {
            format!("'{text}' is geen ja of nee (ja/nee, 1/0, of leeg voor nee)")
        }
        Problem::NotANumber { text } => format!("'{text}' is geen getal"),
        Problem::NotFinite => "geen eindig getal".into(),
        Problem::HalfPosition => "x en y horen samen: geef ze allebei of geen van beide".into(),
        Problem::Limit(problem) => limit(problem),
        Problem::NotUtf8 { byte } => format!(
            "dit bestand is geen UTF-8 (byte 0x{byte:02X}); JSON en GraphML moeten dat zijn: sla het op als UTF-8"
        ),
        Problem::UnclosedQuote => "op deze regel opent een aanhalingsteken (\") een waarde die nergens sluit: de rest van het bestand zou één waarde worden".into(),
        Problem::TooDeep { max } => format!(
            "de elementen zijn meer dan {max} diep genest; zo is geen GraphML (is het bestand beschadigd?)"
        ),
        Problem::NotATimestamp { text } => {
            format!("'{text}' is geen tijdstip (schrijf 2024-03-01T09:30:00Z)")
        }
        Problem::EndsBeforeStart { since, until } => {
            format!("tot {until} ligt vóór sinds {since}")
        }
        Problem::DuplicateId { id, first } => format!(
            "id '{id}' komt twee keer voor (eerst bij {})",
            location(first)
        ),
        Problem::DuplicateRelationId { id, first } => format!(
            "relatie-id '{id}' komt twee keer voor (eerst bij {})",
            location(first)
        ),
        Problem::UnknownEnd { id } => {
            format!("onbekend: '{id}' staat niet in de import en niet in de wijk")
        }
        Problem::AmbiguousName { name, count } => format!(
            "'{name}' is de naam van {count} personen of plekken: geef hun id in plaats van de naam"
        ),
        Problem::SelfRelation { id } => format!("een relatie van '{id}' met zichzelf"),
        Problem::OutsideCircle {
            scheme,
            sector,
            ring,
            last,
        } => format!(
            "sector {sector}, ring {ring} is geen plaats in de cirkel {scheme} (sectoren 0-3, ringen 0-{last})"
        ),
        Problem::NotHerTie { ego } => format!(
            "een relatie in het moment van '{ego}' die niet van haar is ('{ego}' is geen van beide kanten)"
        ),
        Problem::TwiceInMoment { id } => {
            format!("relatie '{id}' staat twee keer in dit moment")
        }
    }
}

/// A field past its bound, in Dutch.
/// The Dutch name of a format that [`Problem::OtherFormat`] names.
fn dutch_format(format: &str) -> &str {
    match format {
        "Gephi project (.gephi)" => "Gephi-project (.gephi)",
        other => other,
    }
}

pub fn limit(problem: &LimitProblem) -> String {
    match problem {
        LimitProblem::TooLong { length, max } => {
            format!("{length} tekens lang; er passen er hoogstens {max} in")
        }
        LimitProblem::TooMany { count, max } => {
            format!("{count} onderdelen; er passen er hoogstens {max} in")
        }
        LimitProblem::ControlCharacter { code } => {
            format!("bevat een stuurteken (U+{code:04X}) dat in geen tekstveld mag staan")
        }
        LimitProblem::Coordinate { value } => {
            format!("plaats {value} is geen getal tussen -{MAX_COORDINATE} en {MAX_COORDINATE}")
        }
    }
}

/// A refused change, in Dutch (a whole sentence).
pub fn rule(rule: &Rule) -> String {
    match rule {
        Rule::NodeWithoutId => "Iedereen in de wijk heeft een id nodig.".into(),
        Rule::EmptyName(id) => format!("'{id}' heeft een lege naam; geef een naam."),
        Rule::Limit { field, problem, .. } => {
            format!("Veld {field}: {}; er is niets veranderd.", limit(problem))
        }
        Rule::NotFinitePosition(id) => {
            format!("De plaats van '{id}' is geen eindig getal; er is niets veranderd.")
        }
        Rule::OutsideCircle {
            scheme,
            sector,
            ring,
        } => format!(
            "De netwerkcirkel ({scheme}) heeft geen kwadrant {sector} op ring {ring}; er is niets veranderd."
        ),
        Rule::SelfRelation { node, .. } => {
            format!("Een relatie van '{node}' met zichzelf kan niet; kies een ander.")
        }
        Rule::NodeExists(id) => format!("Er is al iemand (of iets) met id '{id}'."),
        Rule::RelationExists(id) => format!("Er is al een relatie met id '{id}'."),
        Rule::NotAPerson(name) => {
            format!("{name} is geen persoon: toestemming wordt alleen bij personen vastgelegd.")
        }
        Rule::EndGone { redo, step } => format!(
            "'{step}' kan niet {}: een van de twee kanten van de relatie bestaat niet meer. Er is niets veranderd.",
            if *redo {
                "opnieuw gedaan worden"
            } else {
                "ongedaan gemaakt worden"
            }
        ),
        Rule::UnreadableStep { action, detail } => format!(
            "Het logboek van '{action}' is niet terug te lezen ({detail}); deze stap kan niet ongedaan gemaakt worden."
        ),
        Rule::BackupUnsound(path) => format!(
            "{}: de back-up doorstond de controle niet en is niet bewaard.",
            file(path)
        ),
        Rule::RestoreUnsound(path) => format!(
            "{}: geen gave database (de controle faalde); kies een andere back-up.",
            file(path)
        ),
        Rule::NoGoodBackup { db, folder } => format!(
            "{}: er is geen goede back-up gevonden in {}.",
            file(db),
            file(folder)
        ),
        Rule::NeedsUpgrade { path, supported } => format!(
            "{}: deze wijk moet eerst bijgewerkt worden naar schemaversie {supported}; open hem één keer om te bewerken (niet alleen-lezen).",
            file(path)
        ),
        Rule::UpgradeCopyUnsound(path) => format!(
            "{}: de kopie van vóór het bijwerken doorstond de controle niet; de wijk is niet bijgewerkt.",
            file(path)
        ),
        Rule::CreateExists(path) => {
            format!(
                "{} bestaat al; open dat bestand in plaats daarvan.",
                file(path)
            )
        }
        Rule::OutExists(path) => format!(
            "{}: dat bestand bestaat al; kies een nieuwe naam (er is niets geschreven).",
            file(path)
        ),
        Rule::EmptyPassphrase => "Een wachtwoord mag niet leeg zijn.".into(),
        Rule::ShortPassphrase(min) => format!(
            "Een nieuw wachtwoord heeft minstens {min} tekens nodig (een paar woorden achter elkaar zijn makkelijk te onthouden en moeilijk te raden); er is niets veranderd."
        ),
        Rule::ConvertedUnsound { path, verdict } => format!(
            "{}: de omgezette kopie doorstond de controle niet ({verdict}); het origineel is gebleven zoals het was.",
            file(path)
        ),
        Rule::AlreadyEncrypted(path) => {
            format!("{}: deze wijk is al versleuteld.", file(path))
        }
        Rule::NotEncrypted(path) => format!("{}: deze wijk is niet versleuteld.", file(path)),
        Rule::OpenedReadOnly(path) => format!(
            "{}: deze wijk is alleen-lezen geopend; dit moet erin schrijven.",
            file(path)
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// Words that give away an English sentence.
    const ENGLISH: [&str; 9] = [
        " the ", " is not ", "this ", " was ", " must ", " cannot ", " needs ", " file", "found",
    ];

    fn dutch(text: &str) {
        for english in ENGLISH {
            assert!(!text.contains(english), "{english:?} in {text}");
        }
    }

    #[test]
    fn every_rule_reads_dutch() {
        let path = PathBuf::from("/w/zuid.wijk");
        let rules = [
            Rule::NodeWithoutId,
            Rule::EmptyName("p-1".into()),
            Rule::NotFinitePosition("p-1".into()),
            Rule::SelfRelation {
                relation: "r-1".into(),
                node: "p-1".into(),
            },
            Rule::NodeExists("p-1".into()),
            Rule::RelationExists("r-1".into()),
            Rule::NotAPerson("Buurthuis".into()),
            Rule::EndGone {
                redo: true,
                step: "Anja – Bert".into(),
            },
            Rule::UnreadableStep {
                action: "update_node".into(),
                detail: "EOF".into(),
            },
            Rule::BackupUnsound(path.clone()),
            Rule::RestoreUnsound(path.clone()),
            Rule::NoGoodBackup {
                db: path.clone(),
                folder: path.clone(),
            },
            Rule::NeedsUpgrade {
                path: path.clone(),
                supported: 3,
            },
            Rule::UpgradeCopyUnsound(path.clone()),
            Rule::CreateExists(path.clone()),
            Rule::OutExists(path.clone()),
            Rule::EmptyPassphrase,
            Rule::ShortPassphrase(10),
            Rule::ConvertedUnsound {
                path: path.clone(),
                verdict: "row 3 missing".into(),
            },
            Rule::AlreadyEncrypted(path.clone()),
            Rule::NotEncrypted(path.clone()),
            Rule::OpenedReadOnly(path.clone()),
            Rule::OutsideCircle {
                scheme: "lensink",
                sector: 5,
                ring: 9,
            },
        ];
        for r in &rules {
            let text = rule(r);
            dutch(&text);
            assert!(text.ends_with('.'), "{text}");
            assert_ne!(text, r.to_string());
        }
        assert!(rule(&rules[7]).contains("opnieuw gedaan"));
        assert!(rule(&rules[17]).contains("minstens 10 tekens"));
        assert!(rule(&rules[14]).starts_with("/w/zuid.wijk bestaat al"));
    }

    #[test]
    fn import_errors_read_dutch_and_keep_the_files_words() {
        let csv = b"id,name,telefoon\np-1,Anja,06\n";
        let err = crate::exchange::csv::read("kaart.csv", csv, &mut Default::default())
            .expect_err("an unknown column");
        let text = input(&err);
        assert_eq!(
            text,
            "kaart.csv, regel 1, veld 'telefoon': onbekende kolom 'telefoon' (kolom 3); bekende \
             kolommen: id, kind, name, wijk, role, tags, offers, needs, contact, notes, sensitive, since, until, until_reason, last_contact, follow_up, follow_up_note. \
             Er is niets geïmporteerd."
        );
        let csv = b"source,target,kind,strength\np-1,p-2,kent,4\n";
        let err = crate::exchange::csv::read("relaties.csv", csv, &mut Default::default())
            .expect_err("a strength outside 1-3");
        assert_eq!(
            input(&err),
            "relaties.csv, regel 2, veld 'strength': sterkte 4 ligt niet tussen 1 en 3 \
             (1 zwak, 2 gewoon, 3 sterk). Er is niets geïmporteerd."
        );
        let csv = b"source,target,kind\np-1,p-2,buurman van\n";
        let err = crate::exchange::csv::read("relaties.csv", csv, &mut Default::default())
            .expect_err("an unknown kind");
        let text = input(&err);
        assert!(text.starts_with("relaties.csv, regel 2, veld 'kind': onbekende soort relatie 'buurman van' (bekend zijn: knows (kent)"), "{text}");
    }

    #[test]
    fn every_problem_reads_dutch() {
        let first = Box::new(Location::new("a.csv", Some(2)));
        let problems = [
            Problem::CannotRead {
                detail: "No such file or directory (os error 2)".into(),
            },
            Problem::Empty,
            Problem::Binary,
            Problem::NotSnapshotObject,
            Problem::NotJson {
                detail: "EOF while parsing".into(),
            },
            Problem::NotSnapshot {
                detail: "invalid type".into(),
            },
            Problem::SnapshotFormat {
                found: "x".into(),
                expected: "wijkweb",
            },
            Problem::NewerSnapshot {
                found: 4,
                supported: 1,
            },
            Problem::NoNodesNorRelations,
            Problem::Json {
                detail: "invalid type: integer `3`, expected a string".into(),
            },
            Problem::NotCsv,
            Problem::UnknownColumn {
                name: "naam".into(),
                column: 2,
                known: "id, name".into(),
            },
            Problem::DuplicateColumn { name: "id".into() },
            Problem::MissingColumn { name: "name" },
            Problem::FieldCount {
                found: 5,
                expected: 4,
            },
            Problem::Csv {
                detail: "invalid UTF-8".into(),
            },
            Problem::NotXml {
                detail: "unexpected end of stream".into(),
            },
            Problem::NotGraphml {
                root: "html".into(),
            },
            Problem::OtherFormat { format: "Pajek" },
            Problem::Spreadsheet {
                detail: "invalid zip".into(),
            },
            Problem::NoSheet,
            Problem::DirectedEdge,
            Problem::MissingId {
                field: "source".into(),
            },
            Problem::MissingKind,
            Problem::EmptyName,
            Problem::NotADate {
                text: "gisteren".into(),
            },
            Problem::StrengthRange { value: 7 },
            Problem::StrengthNotNumber {
                text: "hoog".into(),
            },
            Problem::NotYesNo {
                text: "misschien".into(),
            },
            Problem::NotANumber { text: "ver".into() },
            Problem::NotFinite,
            Problem::HalfPosition,
            Problem::NotATimestamp {
                text: "ooit".into(),
            },
            Problem::EndsBeforeStart {
                since: "2024-03-01".into(),
                until: "2023-01-01".into(),
            },
            Problem::DuplicateId {
                id: "p-1".into(),
                first: first.clone(),
            },
            Problem::DuplicateRelationId {
                id: "r-1".into(),
                first,
            },
            Problem::UnknownEnd { id: "p-9".into() },
            Problem::SelfRelation { id: "p-1".into() },
            Problem::NotHerTie { ego: "p-1".into() },
            Problem::TwiceInMoment { id: "r-1".into() },
            Problem::OutsideCircle {
                scheme: "lensink",
                sector: 9,
                ring: 4,
                last: 3,
            },
            Problem::AmbiguousDate {
                text: "3/1/2024".into(),
            },
        ];
        for p in &problems {
            let text = problem(p);
            // The parser libraries' own words stay English; the sentence around them not.
            let own = text.split('(').next().unwrap_or_default();
            dutch(own);
            assert_ne!(text, p.to_string());
        }
        assert_eq!(
            problem(&problems[34]),
            "id 'p-1' komt twee keer voor (eerst bij a.csv, regel 2)"
        );
    }
}
