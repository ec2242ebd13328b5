//! The AVG subcommands: consent, forget, inzage, review, retention.

use std::io::Write;
use std::path::Path;

use super::{Failure, Wijk, network_of, output_error, print_json, resolve};
use crate::model::{ConsentStatus, LegalBasis, parse_date, today};
use crate::store::OpenMode;
use crate::store::privacy::Retention;
use crate::words::Words;

/// What `wijkweb consent` changes; every field left out stays.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConsentArgs {
    /// The legal basis: consent (toestemming), public_task (publieke taak), legal_obligation,
    /// vital_interest, contract, legitimate_interest.
    #[arg(long, value_name = "BASIS")]
    pub basis: Option<String>,
    /// none (geen), verbal (mondeling), written (schriftelijk).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// When it was given (default: today, when a status is given).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// For which purpose.
    #[arg(long)]
    pub purpose: Option<String>,
    /// What may be shared with whom, e.g. "casusoverleg wijkteam".
    #[arg(long, value_name = "WHOM")]
    pub share_with: Option<String>,
    /// Until when it holds.
    #[arg(long, value_name = "DATE")]
    pub expiry: Option<String>,
    /// She withdraws her consent, today: from now on she is pseudonymised in every export.
    #[arg(long)]
    pub withdraw: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn date(text: &str, what: &str) -> Result<crate::model::Date, Failure> {
    parse_date(text).ok_or_else(|| {
        Failure::User(format!(
            "--{what} '{text}' is not a date (write 2026-03-01 or 1-3-2026)"
        ))
    })
}

/// `wijkweb consent --db FILE NODE [...]`: shows or records consent and legal basis.
pub fn consent(
    db: &Wijk,
    node: &str,
    args: ConsentArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let changes = args.basis.is_some()
        || args.status.is_some()
        || args.date.is_some()
        || args.purpose.is_some()
        || args.share_with.is_some()
        || args.expiry.is_some()
        || args.withdraw;
    // Showing it only reads: that works while the app has the wijk open.
    let mut store = db.open(if changes {
        OpenMode::Existing
    } else {
        OpenMode::ReadOnly
    })?;
    let id = resolve(&network_of(&store)?, node)?;
    let Some(current) = store.node(&id)? else {
        return Err(Failure::User(format!("no node '{node}'")));
    };
    let consent = if changes {
        let mut c = current.consent.clone().unwrap_or_default();
        if let Some(b) = &args.basis {
            c.legal_basis = Some(
                b.parse::<LegalBasis>()
                    .map_err(|e| Failure::User(format!("--basis: {e}")))?,
            );
        }
        if let Some(s) = &args.status {
            c.status = s
                .parse::<ConsentStatus>()
                .map_err(|e| Failure::User(format!("--status: {e}")))?;
            if c.status != ConsentStatus::None && args.date.is_none() {
                c.date = Some(today());
            }
            c.withdrawn = None;
        }
        if let Some(d) = &args.date {
            c.date = Some(date(d, "date")?);
        }
        if let Some(p) = &args.purpose {
            c.purpose = Some(p.clone()).filter(|p| !p.trim().is_empty());
        }
        if let Some(w) = &args.share_with {
            c.share_with = Some(w.clone()).filter(|w| !w.trim().is_empty());
        }
        if let Some(e) = &args.expiry {
            c.expiry = Some(date(e, "expiry")?);
        }
        if args.withdraw {
            c.withdrawn = Some(today());
        }
        store.set_consent(&id, Some(c))?.consent
    } else {
        current.consent
    };
    if args.json {
        return print_json(out, &consent);
    }
    let c = consent.unwrap_or_default();
    let line = |label: &str, value: Option<String>| {
        format!("{label}: {}", value.unwrap_or_else(|| "-".to_owned()))
    };
    let text = [
        format!("{} ({})", current.name, id),
        line("grondslag", c.legal_basis.map(|b| b.dutch().to_owned())),
        line("toestemming", Some(c.status.as_str().to_owned())),
        line("gegeven op", c.date.map(|d| d.to_string())),
        line("doel", c.purpose.clone()),
        line("delen met", c.share_with.clone()),
        line("geldig tot", c.expiry.map(|d| d.to_string())),
        line("ingetrokken op", c.withdrawn.map(|d| d.to_string())),
        line("vastgelegd door", c.recorded_by.clone()),
    ]
    .join("\n");
    writeln!(out, "{text}").map_err(output_error)
}

/// `wijkweb forget --db FILE NODE`: erases a person and every trace of her content.
pub fn forget(db: &Wijk, node: &str, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let network = network_of(&store)?;
    let id = resolve(&network, node)?;
    let name = network
        .index(&id)
        .and_then(|i| network.info(i))
        .map(|n| n.name.clone())
        .unwrap_or_default();
    let report = store.forget(&id)?;
    if json {
        return print_json(out, &report);
    }
    writeln!(
        out,
        "{name} is vergeten: {} relaties verwijderd, {} regels in het logboek leeggemaakt, {} stappen van ongedaan maken vervallen, {} back-ups opgeschoond; het bestand is herschreven.",
        report.relations,
        report.audit_rows_erased,
        report.undo_steps_dropped,
        report.backups_cleaned.len()
    )
    .map_err(output_error)?;
    if report.mentions_cleaned > 0 {
        writeln!(
            out,
            "Haar naam stond ook in {} notities, rollen of contactregels van anderen: daar staat nu {}.",
            report.mentions_cleaned,
            crate::store::privacy::ERASED_NAME
        )
        .map_err(output_error)?;
    }
    for copy in &report.copies_removed {
        writeln!(
            out,
            "{}: kon niet worden opgeschoond (ander wachtwoord, beschadigd of geen wijk) en is overschreven en verwijderd.",
            copy.display()
        )
        .map_err(output_error)?;
    }
    if report.copies_left.is_empty() {
        return Ok(());
    }
    for (copy, why) in &report.copies_left {
        writeln!(
            out,
            "{}: kon niet worden opgeschoond of verwijderd ({why}); verwijder dit bestand zelf.",
            copy.display()
        )
        .map_err(output_error)?;
    }
    Err(Failure::User(format!(
        "{name} is uit de wijk vergeten, maar {} kopie(ën) niet: de vergetelheid blijft openstaan en wordt bij elke opening opnieuw geprobeerd",
        report.copies_left.len()
    )))
}

/// `wijkweb inzage --db FILE NODE --out DIR`: writes `inzage.txt` and `inzage.json`.
pub fn inzage(
    db: &Wijk,
    node: &str,
    dir: &Path,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Reader)?;
    let id = resolve(&network_of(&store)?, node)?;
    let inzage = store.inzage(&id)?;
    let text = words.inzage_text(&inzage);
    crate::exchange::inzage::write_inzage(&inzage, &text, dir)
        .map_err(|(path, e)| Failure::User(format!("{}: cannot write: {e}", path.display())))?;
    writeln!(
        out,
        "inzage van {} geschreven in {} (inzage.txt, inzage.json)",
        inzage.node.name,
        dir.display()
    )
    .map_err(output_error)
}

/// `wijkweb review --db FILE`: what is due for review.
pub fn review(db: &Wijk, json: bool, words: &Words, out: &mut dyn Write) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    let (nodes, relations) = store.load()?;
    let retention = store.retention()?;
    let mut items = crate::privacy::review(&nodes, &relations, retention, today());
    items.extend(crate::privacy::review_moments(
        &store.all_moments()?,
        &nodes,
        retention,
        today(),
    ));
    let reason = |item: &crate::privacy::ReviewItem| {
        item.reasons
            .iter()
            .map(|r| (words.review)(*r))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if json {
        #[derive(serde::Serialize)]
        struct ItemOut<'a> {
            #[serde(flatten)]
            item: &'a crate::privacy::ReviewItem,
            reason: String,
        }
        let out_items: Vec<ItemOut<'_>> = items
            .iter()
            .map(|item| ItemOut {
                item,
                reason: reason(item),
            })
            .collect();
        return print_json(out, &out_items);
    }
    if items.is_empty() {
        return writeln!(out, "Niets te herzien.").map_err(output_error);
    }
    writeln!(out, "Te herzien ({}):", items.len()).map_err(output_error)?;
    for item in &items {
        let which = match item.moment {
            Some(number) => format!("{}, moment {number}", item.id),
            None => item.id.clone(),
        };
        writeln!(out, "  {} ({which}): {}", item.name, reason(item)).map_err(output_error)?;
    }
    Ok(())
}

/// `wijkweb retention --db FILE [--person MONTHS ...]`: shows or sets retention periods.
pub fn retention(
    db: &Wijk,
    set: Retention,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let mut current = store.retention()?;
    let changed = set != Retention::default();
    if changed {
        let pick = |new: Option<u32>, old: Option<u32>| match new {
            Some(0) => None,
            Some(m) => Some(m),
            None => old,
        };
        current = Retention {
            person: pick(set.person, current.person),
            organisation: pick(set.organisation, current.organisation),
            initiative: pick(set.initiative, current.initiative),
            relation: pick(set.relation, current.relation),
            moment: pick(set.moment, current.moment),
        };
        store.set_retention(current)?;
    }
    if json {
        return print_json(out, &current);
    }
    let months = |m: Option<u32>| m.map_or("geen".to_owned(), |m| format!("{m} maanden"));
    writeln!(
        out,
        "bewaartermijnen: personen {}, organisaties {}, initiatieven {}, beëindigde relaties {}, casusmomenten {}",
        months(current.person),
        months(current.organisation),
        months(current.initiative),
        months(current.relation),
        months(current.moment)
    )
    .map_err(output_error)
}
