//! Casework over time: `moment` and `moments` (a resident's netwerkcirkel frozen on a day),
//! `refer` and `referrals` (doorverwijzingen, their status and the yearly count).

use std::io::Write;

use super::crypt::Wijk;
use super::{Failure, SchemeArg, network_of, output_error, parse_day, print_json, resolve};
use crate::model::casework::{MomentSource, Referral, ReferralStatus, referral_counts};
use crate::model::{Date, Scheme};
use crate::store::OpenMode;
use crate::words::Words;

/// The arguments of `moment`.
#[derive(Debug, clap::Args)]
pub struct MomentArgs {
    /// The resident (id or name).
    node: String,
    /// The netwerkcirkel scheme its places are in.
    #[arg(long, value_enum, default_value = "lensink")]
    scheme: SchemeArg,
    /// Print the moment as JSON.
    #[arg(long)]
    json: bool,
}

/// The arguments of `moments`.
#[derive(Debug, clap::Args)]
pub struct MomentsArgs {
    /// The resident (id or name).
    node: String,
    /// Remove moment N (as listed) instead of listing.
    #[arg(long, value_name = "N")]
    delete: Option<i64>,
    /// Print JSON: [{"id","ego","day","made_at","scheme","source","ties":[{"relation",
    /// "place"}]}], the newest first.
    #[arg(long)]
    json: bool,
}

/// The arguments of `refer`.
#[derive(Debug, clap::Args)]
pub struct ReferArgs {
    /// The resident referred (id or name).
    #[arg(long, value_name = "NODE", required_unless_present = "id")]
    from: Option<String>,
    /// To whom or what (id or name).
    #[arg(long, value_name = "NODE", required_unless_present = "id")]
    to: Option<String>,
    /// Set the status of referral ID (as `referrals` lists it) instead.
    #[arg(long, conflicts_with_all = ["from", "to", "theme", "follow_up"], requires = "status")]
    id: Option<String>,
    /// With --id: voorgesteld, gestart or gestopt (proposed, started, stopped).
    #[arg(long, requires = "id")]
    status: Option<String>,
    /// The day (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    on: Option<Date>,
    /// When to ask how it went (default: four weeks on).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    follow_up: Option<Date>,
    /// The theme it is for (default: her need that it offers, else its first offer).
    #[arg(long)]
    theme: Option<String>,
    /// A short note.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print the referral as JSON.
    #[arg(long)]
    json: bool,
}

/// The arguments of `referrals`.
#[derive(Debug, clap::Args)]
pub struct ReferralsArgs {
    /// Only hers (id or name).
    node: Option<String>,
    /// Count by theme and status instead, without names (for the yearly report).
    #[arg(long, conflicts_with = "node")]
    counts: bool,
    /// With --counts: this calendar year (default: this year).
    #[arg(long, requires = "counts", conflicts_with_all = ["from", "until"])]
    year: Option<i16>,
    /// With --counts: from this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day, requires = "counts")]
    from: Option<Date>,
    /// With --counts: up to and including this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day, requires = "counts")]
    until: Option<Date>,
    /// Print JSON: a list of referrals ({"id","resident","target","day","by","status",
    /// "status_day","follow_up","theme","note"}), or with --counts {"from","until",
    /// "themes":[{"theme","proposed","started","stopped","total"}]}.
    #[arg(long)]
    json: bool,
}

fn user(what: &str, e: impl std::fmt::Display) -> Failure {
    Failure::User(format!("--{what}: {e}"))
}

/// `wijkweb moment`: freezes her netwerkcirkel today as a moment.
pub fn moment(
    db: &Wijk,
    args: MomentArgs,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let network = network_of(&store)?;
    let id = resolve(&network, &args.node)?;
    let scheme = Scheme::from(args.scheme);
    let (nodes, relations) = store.load()?;
    let placed = store.circle_places(&id, scheme)?;
    let mut moment = crate::layout::circle::freeze(
        scheme,
        &id,
        &nodes,
        &relations,
        &placed,
        crate::model::today(),
        MomentSource::Recorded,
    );
    moment.id = store.record_moment(&moment)?;
    if args.json {
        return print_json(out, &moment);
    }
    writeln!(out, "{}: {}", moment.id, words.moment_line(&moment)).map_err(output_error)
}

/// `wijkweb moments`: her moments, the newest first (or removes one).
pub fn moments(
    db: &Wijk,
    args: MomentsArgs,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if let Some(number) = args.delete {
        let mut store = db.open(OpenMode::Existing)?;
        let network = network_of(&store)?;
        let id = resolve(&network, &args.node)?;
        if store.moment(number)?.is_none_or(|m| m.ego != id) {
            return Err(Failure::User(format!(
                "{id} has no moment {number}: `wijkweb moments {id}` lists hers"
            )));
        }
        store.delete_moment(number)?;
        return writeln!(out, "removed moment {number}").map_err(output_error);
    }
    let store = db.open(OpenMode::ReadOnly)?;
    let (nodes, relations) = store.load()?;
    // She may have left the wijk since: find her on any day.
    let everyone = crate::graph::Network::new(&nodes, &relations, Date::MIN);
    let id =
        resolve(&network_of(&store)?, &args.node).or_else(|_| resolve(&everyone, &args.node))?;
    let list = store.moments_of(&id)?;
    if args.json {
        return print_json(out, &list);
    }
    if list.is_empty() {
        return writeln!(out, "no moments of {id} yet").map_err(output_error);
    }
    for m in &list {
        writeln!(out, "{}: {}", m.id, words.moment_line(m)).map_err(output_error)?;
    }
    Ok(())
}

/// `wijkweb refer`: a new referral, or the status of one.
pub fn refer(
    db: &Wijk,
    args: ReferArgs,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut store = db.open(OpenMode::Existing)?;
    let day = args.on.unwrap_or_else(crate::model::today);
    let referral = if let Some(id) = &args.id {
        let status: ReferralStatus = args
            .status
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(|e| user("status", e))?;
        store.set_referral_status(id, status, day, args.note.clone())?
    } else {
        let network = network_of(&store)?;
        let from = resolve(&network, args.from.as_deref().unwrap_or_default())?;
        let to = resolve(&network, args.to.as_deref().unwrap_or_default())?;
        if from == to {
            return Err(Failure::User(format!(
                "--from and --to are both {from}: a referral goes from a resident to someone or something else"
            )));
        }
        let resident = store.node(&from)?;
        let target = store.node(&to)?;
        let mut referral = Referral::new(from.into(), to.into(), day, "");
        if let Some(follow_up) = args.follow_up {
            if follow_up < day {
                return Err(user(
                    "follow-up",
                    format!("{follow_up} is before the referral ({day})"),
                ));
            }
            referral.follow_up = Some(follow_up);
        }
        referral.theme = match args.theme.as_deref().map(str::trim) {
            Some(theme) if !theme.is_empty() => Some(theme.to_lowercase()),
            _ => resident
                .as_ref()
                .zip(target.as_ref())
                .and_then(|(r, t)| crate::model::casework::referral_theme(r, t)),
        };
        referral.note = args.note.filter(|n| !n.trim().is_empty());
        check_text("note", referral.note.as_deref())?;
        check_text("theme", referral.theme.as_deref())?;
        store.refer(referral)?
    };
    if args.json {
        return print_json(out, &referral);
    }
    let name = |id: &str| name_of(&store, id);
    writeln!(
        out,
        "{}: {} → {} ({}, {}{})",
        referral.id,
        name(&referral.resident),
        name(&referral.target),
        words.status(referral.status),
        words.date(referral.status_day.unwrap_or(referral.day)),
        referral
            .follow_up
            .map(|d| format!("; follow up {}", words.date(d)))
            .unwrap_or_default()
    )
    .map_err(output_error)
}

/// A short text within the bounds of a note (one line is not asked: notes may have lines).
fn check_text(what: &str, text: Option<&str>) -> Result<(), Failure> {
    let limit = if what == "note" {
        crate::model::limits::MAX_NOTES
    } else {
        crate::model::limits::MAX_ITEM
    };
    match text {
        Some(t) if t.chars().count() > limit => Err(user(
            what,
            format!("{} characters, at most {limit}", t.chars().count()),
        )),
        _ => Ok(()),
    }
}

/// `wijkweb referrals`: the referrals (hers), or their count by theme and status.
pub fn referrals(
    db: &Wijk,
    args: ReferralsArgs,
    words: &Words,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let store = db.open(OpenMode::ReadOnly)?;
    if args.counts {
        let today = crate::model::today();
        let year = args.year.unwrap_or(today.year());
        let from = args
            .from
            .unwrap_or_else(|| Date::new(year, 1, 1).unwrap_or(Date::MIN));
        let until = args
            .until
            .unwrap_or_else(|| Date::new(year, 12, 31).unwrap_or(Date::MAX));
        if from > until {
            return Err(user("from", format!("{from} is after --until {until}")));
        }
        let counts = referral_counts(&store.referrals(None)?, from, until);
        if args.json {
            return print_json(
                out,
                &serde_json::json!({"from": from, "until": until, "themes": counts}),
            );
        }
        writeln!(out, "{} – {}", words.date(from), words.date(until)).map_err(output_error)?;
        let [p, s, x] = words.follow_up.statuses;
        writeln!(out, "{:<24} {p:>12} {s:>8} {x:>8} {:>6}", "", "").map_err(output_error)?;
        for c in &counts {
            let theme = if c.theme.is_empty() { "-" } else { &c.theme };
            writeln!(
                out,
                "{theme:<24} {:>12} {:>8} {:>8} {:>6}",
                c.proposed, c.started, c.stopped, c.total
            )
            .map_err(output_error)?;
        }
        let total: usize = counts.iter().map(|c| c.total).sum();
        return writeln!(out, "{total}").map_err(output_error);
    }
    let resident = match &args.node {
        Some(query) => Some(resolve(&network_of(&store)?, query)?),
        None => None,
    };
    let list = store.referrals(resident.as_deref())?;
    if args.json {
        return print_json(out, &list);
    }
    let name = |id: &str| name_of(&store, id);
    if list.is_empty() {
        return writeln!(out, "no referrals").map_err(output_error);
    }
    for r in &list {
        writeln!(
            out,
            "{}  {}  {} → {}  {}{}",
            r.id,
            words.date(r.day),
            name(&r.resident),
            name(&r.target),
            words.status(r.status),
            r.theme
                .as_deref()
                .map(|t| format!(" · {t}"))
                .unwrap_or_default()
        )
        .map_err(output_error)?;
    }
    Ok(())
}

/// The name of node `id`, or the id itself when it is not in the wijk (any more).
fn name_of(store: &crate::store::Store, id: &str) -> String {
    store
        .node(id)
        .ok()
        .flatten()
        .map_or_else(|| id.to_owned(), |n| n.name)
}
