//! The words of the core's answers in each language: route steps, kenner reasons, the
//! pictures' legends and titles, review reasons and the inzage text. The core computes
//! structured answers (steps with kinds and strengths, kenners with their numbers); this
//! module words them, once per language, so the app, the command line (`--lang`) and the
//! casus PDF say the same thing in the language asked. No egui, no clap here.
//!
//! Every language is one typed table ([`Words`]): a missing translation is a compile
//! error. Templates mark their blanks with `{}` and are filled by [`fill`] in order.

mod en;
mod nl;

use serde::{Deserialize, Serialize};

use crate::graph::kenners::Kenner;
use crate::graph::paths::{PathStep, ReferralPath};
use crate::model::{ConsentStatus, LegalBasis, NodeKind, RelationKind, Strength};
use crate::privacy::ReviewReason;

/// The languages wijkweb speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// Nederlands (the default).
    #[default]
    Dutch,
    /// English.
    English,
}

impl Language {
    /// The words of this language.
    pub const fn words(self) -> &'static Words {
        match self {
            Language::Dutch => &nl::WORDS,
            Language::English => &en::WORDS,
        }
    }

    /// The language of a code as the command line takes it: `nl` or `en`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" => Some(Self::Dutch),
            "en" | "english" | "engels" => Some(Self::English),
            _ => None,
        }
    }
}

/// Fills the `{}` blanks of `template` with `args`, in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// A count's two forms, for one and for any other number ("1 stap", "3 stappen").
pub type Plural = (&'static str, &'static str);

/// The form of `plural` that fits `n`, with `n` filled in.
pub fn count(plural: Plural, n: usize) -> String {
    fill(if n == 1 { plural.0 } else { plural.1 }, &[&n.to_string()])
}

/// The names a netwerkcirkel scheme gives its sectors and rings.
#[derive(Debug)]
pub struct SchemeWords {
    /// The scheme's name as printed ("netwerkcirkel van Lensink").
    pub name: &'static str,
    /// The four sectors, clockwise from the top left.
    pub sectors: [&'static str; 4],
    /// The rings, innermost first.
    pub rings: &'static [&'static str],
}

/// The words of the casus pack (DESIGN §4.6).
#[derive(Debug)]
pub struct CasusWords {
    /// Lensink's names.
    pub lensink: SchemeWords,
    /// Pantuček's names.
    pub pantucek: SchemeWords,
    /// The wijk scheme's names.
    pub wijk: SchemeWords,
    /// "Netwerkcirkel van {}".
    pub title: &'static str,
    /// "Vertrouwelijk".
    pub confidential: &'static str,
    /// "Datum: {}".
    pub date: &'static str,
    /// "Opgesteld door {}".
    pub drawn_by: &'static str,
    /// "Organisatie: {}".
    pub organisation: &'static str,
    /// "Doel: {}".
    pub purpose: &'static str,
    /// "Grondslag: {}".
    pub legal_basis: &'static str,
    /// Said where a header field was not filled in ("niet ingevuld").
    pub not_filled: &'static str,
    /// "pagina {} van {}".
    pub page: &'static str,
    /// "Schema: {}".
    pub scheme: &'static str,
    /// The legend's heading over the line styles.
    pub lines: &'static str,
    /// Steunend, neutraal, belastend (in `Quality::ALL` order), as the legend says them.
    pub qualities: [&'static str; 3],
    /// The legend's heading over the support letters.
    pub support: &'static str,
    /// P, G, A, E's meanings, in `SupportType::ALL` order.
    pub support_types: [&'static str; 4],
    /// The legend's line for the arrow: "pijl: wie steunt wie".
    pub arrow: &'static str,
    /// The legend's heading over the colours (the sectors).
    pub colours: &'static str,
    /// "Betrokkenen".
    pub betrokkenen: &'static str,
    /// "Informeel netwerk".
    pub informal: &'static str,
    /// "Formeel netwerk".
    pub formal: &'static str,
    /// The table's columns: who, ring, sector, relation, quality, support, contact.
    pub columns: [&'static str; 7],
    /// Contact details that her consent does not let us share.
    pub not_shared: &'static str,
    /// "steunt de bewoner", "door de bewoner gesteund", "wederzijds" (as `SupportDirection::ALL`
    /// seen from the resident: to the contact, to the resident, both).
    pub directions: [&'static str; 3],
    /// "geen directe contacten".
    pub no_contacts: &'static str,
    /// "bewoner" (the resident in the centre, pseudonymised).
    pub resident: &'static str,
    /// The note under the table: placed by the makelaar or proposed.
    pub placed_note: &'static str,
    /// Page 3's title: "Wat is veranderd sinds het moment van {}".
    pub changed_since: &'static str,
    /// Its legend: new, no longer, changed, and the hint under it.
    pub change_marks: [&'static str; 3],
    /// A contact no longer in the circle, named in a pack with pseudonyms.
    pub former_contact: &'static str,
    /// "… en nog {}" when the changes do not fit on the page.
    pub and_more: &'static str,
}

impl CasusWords {
    /// The names of `scheme`.
    pub fn scheme(&self, scheme: crate::model::Scheme) -> &SchemeWords {
        match scheme {
            crate::model::Scheme::Lensink => &self.lensink,
            crate::model::Scheme::Pantucek => &self.pantucek,
            crate::model::Scheme::Wijk => &self.wijk,
        }
    }
}

/// The words of the inzage text (AVG art. 15), in the order it is written.
#[derive(Debug)]
pub struct InzageWords {
    /// "Inzage: alle gegevens over {} in wijkweb".
    pub title: &'static str,
    /// "Gemaakt op {}".
    pub made: &'static str,
    /// "Gegevens".
    pub fields: &'static str,
    /// The field labels: name, kind, role, wijk, contact, notes, themes, offers, needs.
    pub labels: [&'static str; 9],
    /// "vastgelegd op: {}, laatst gewijzigd: {}".
    pub stamps: &'static str,
    /// "Relaties ({})".
    pub relations: &'static str,
    /// "sterkte {}".
    pub strength: &'static str,
    /// "sinds {}".
    pub since: &'static str,
    /// "tot {}".
    pub until: &'static str,
    /// "Toestemming en grondslag".
    pub consent: &'static str,
    /// "niets vastgelegd".
    pub nothing: &'static str,
    /// "{} door {}: grondslag {}, toestemming {}".
    pub consent_line: &'static str,
    /// ", doel: {}".
    pub purpose: &'static str,
    /// ", delen met: {}".
    pub share_with: &'static str,
    /// ", ingetrokken op {}".
    pub withdrawn: &'static str,
    /// "Wie haar gegevens vastlegde of wijzigde".
    pub who: &'static str,
    /// "Exports waarin haar gegevens stonden".
    pub exports: &'static str,
    /// "Momenten van haar netwerkcirkel".
    pub moments: &'static str,
    /// "Doorverwijzingen".
    pub referrals: &'static str,
    /// "geen".
    pub none: &'static str,
}

/// The words of one language.
#[derive(Debug)]
pub struct Words {
    /// Which language.
    pub language: Language,
    /// A relation kind as read from its source: "kent", "vrijwilliger bij".
    pub kind: fn(RelationKind) -> &'static str,
    /// A relation kind as read from its target: "vrijwilliger" (of the initiative).
    pub kind_inverse: fn(RelationKind) -> &'static str,
    /// A node kind: "persoon".
    pub node_kind: fn(NodeKind) -> &'static str,
    /// Weak, normal, strong.
    pub strengths: [&'static str; 3],
    /// A legal basis (AVG art. 6): "publieke taak".
    pub basis: fn(LegalBasis) -> &'static str,
    /// A consent status: "schriftelijk".
    pub consent: fn(ConsentStatus) -> &'static str,
    /// One step of a route, read in the direction she goes, from `from` to `to`;
    /// `forward` when the relation is stored that way round.
    pub step: fn(RelationKind, bool, &str, &str) -> String,
    /// Between the steps of a route.
    pub step_separator: &'static str,
    /// "{} stap" / "{} stappen".
    pub steps: Plural,
    /// A route of strong ties only.
    pub via_strong: &'static str,
    /// A route with normal ties and no weak one.
    pub via_normal: &'static str,
    /// A route with a weak tie.
    pub via_weak: &'static str,
    /// The first route found.
    pub easiest: &'static str,
    /// "{}: {}" (which way, and its summary).
    pub way_title: &'static str,
    /// "weg {}".
    pub way_n: &'static str,
    /// No route.
    pub no_way: &'static str,
    /// What the kenners are ordered by.
    pub kenner_order: &'static str,
    /// "{} op de 100 wegen tussen anderen lopen via {}" (a share, a name).
    pub kenner_share: &'static str,
    /// Less than one in a hundred: "minder dan 1 op de 100 wegen … via {}".
    pub kenner_share_small: &'static str,
    /// No route runs through her.
    pub kenner_share_none: &'static str,
    /// "verbindt {} groepen".
    pub kenner_groups: &'static str,
    /// "kent {} ander" / "kent {} anderen".
    pub kenner_knows: Plural,
    /// "Vormen".
    pub shapes: &'static str,
    /// "Kleuren: groepen".
    pub colours_groups: &'static str,
    /// "Kleuren: thema".
    pub colours_theme: &'static str,
    /// "Kleuren: soort".
    pub colours_kind: &'static str,
    /// "Lijnen".
    pub lines: &'static str,
    /// The line styles: strong, normal, weak (dashed).
    pub line_styles: [&'static str; 3],
    /// "verwijst naar".
    pub refers: &'static str,
    /// "groep {}".
    pub group: &'static str,
    /// "overige".
    pub other: &'static str,
    /// "geen thema".
    pub no_theme: &'static str,
    /// "Netwerk van {}".
    pub network_of: &'static str,
    /// "de wijk".
    pub the_wijk: &'static str,
    /// "{} personen, organisaties en initiatieven".
    pub nodes_count: Plural,
    /// "{} relaties".
    pub relations_count: Plural,
    /// "gepseudonimiseerd".
    pub pseudonymised: &'static str,
    /// The netwerkcirkel's four sectors, clockwise from the top left.
    pub sectors: [&'static str; 4],
    /// Why something is due for review, with what to do on the command line.
    pub review: fn(ReviewReason) -> String,
    /// The inzage text.
    pub inzage: InzageWords,
    /// The casus pack.
    pub casus: CasusWords,
    /// What changed between two days.
    pub changes: ChangeWords,
    /// Who to follow up.
    pub follow_up: FollowUpWords,
}

/// Who to follow up, worded.
#[derive(Debug)]
pub struct FollowUpWords {
    /// "Opvolgen: de dag is voorbij".
    pub overdue: &'static str,
    /// "Deze week".
    pub this_week: &'static str,
    /// "Al lang niet gesproken".
    pub not_contacted: &'static str,
    /// "Niemand om op te volgen."
    pub nobody: &'static str,
    /// "{} ({} over tijd)": her name, and the days.
    pub days_over: &'static str,
    /// "{} (over {})": her name, and the days.
    pub days_to_go: &'static str,
    /// "{} dag" / "{} dagen".
    pub days: Plural,
    /// "{} (vandaag)".
    pub today: &'static str,
    /// "{} (laatste contact {})".
    pub last_contact: &'static str,
    /// "Contact met {} vastgelegd op {}."
    pub recorded: &'static str,
    /// "Nog actueel? (lang niet bevestigd)".
    pub stale: &'static str,
    /// "{} (bevestigd {})".
    pub stale_line: &'static str,
    /// "Doorverwijzingen zonder uitkomst".
    pub referrals: &'static str,
    /// "{} naar {}, {}": resident, where to, the day of the referral.
    pub referral_line: &'static str,
    /// The statuses: voorgesteld, gestart, gestopt.
    pub statuses: [&'static str; 3],
    /// "Moment van {} ({}, {} contacten)": day, how made, contacts.
    pub moment_line: &'static str,
    /// How a moment was made: casus export, vastgelegd.
    pub moment_sources: [&'static str; 2],
}

/// What changed between two days, worded for a person.
#[derive(Debug)]
pub struct ChangeWords {
    /// "Wat is er veranderd van {} tot {}".
    pub title: &'static str,
    /// "Niets veranderd."
    pub nothing: &'static str,
    /// "nieuw: {}" (a relation's sentence).
    pub added: &'static str,
    /// "nieuw sinds {}: {}".
    pub added_on: &'static str,
    /// "niet meer: {}".
    pub ended: &'static str,
    /// "niet meer sinds {}: {}".
    pub ended_on: &'static str,
    /// "{}: {}" (the sentence, then the fields).
    pub changed: &'static str,
    /// The fields' names: kind, strength, quality, support.
    pub fields: [&'static str; 4],
    /// "{} van {} naar {}": a field, its old value, its new one (no arrow: not every font
    /// the app may fall back to has one).
    pub field_change: &'static str,
    /// "nieuw in de wijk: {}".
    pub node_added: &'static str,
    /// "weg uit de wijk: {}".
    pub node_gone: &'static str,
    /// "kenner weg uit de wijk: {}".
    pub kenner_gone: &'static str,
}

impl Words {
    /// One person to follow up, as a line: her name, how late or soon (or, in the list
    /// of who was not contacted, when she last was), and what to ask.
    pub fn due_line(&self, item: &crate::model::followup::DueItem, not_contacted: bool) -> String {
        let w = &self.follow_up;
        let days = |n: i64| count(w.days, usize::try_from(n).unwrap_or(0));
        let mut line = match (not_contacted, item.day) {
            (true, Some(day)) => fill(w.last_contact, &[&item.name, &self.date(day)]),
            (true, None) => item.name.clone(),
            (false, _) if item.days > 0 => fill(w.days_over, &[&item.name, &days(item.days)]),
            (false, _) if item.days == 0 => fill(w.today, &[&item.name]),
            (false, _) => fill(w.days_to_go, &[&item.name, &days(-item.days)]),
        };
        if let Some(note) = item.note.as_ref().filter(|_| !not_contacted) {
            line = format!("{line}: {note}");
        }
        line
    }

    /// An open referral as a line: "Fatima naar Taalcafe, 2-3-2026 (3 dagen over tijd)".
    pub fn referral_line(&self, r: &crate::model::followup::OpenReferral) -> String {
        let w = &self.follow_up;
        let days = |n: i64| count(w.days, usize::try_from(n).unwrap_or(0));
        let what = fill(
            w.referral_line,
            &[&r.resident_name, &r.target_name, &self.date(r.day)],
        );
        let mut line = match r.days {
            Some(d) if d > 0 => fill(w.days_over, &[&what, &days(d)]),
            Some(0) => fill(w.today, &[&what]),
            Some(d) => fill(w.days_to_go, &[&what, &days(-d)]),
            None => what,
        };
        if let Some(note) = &r.note {
            line = format!("{line}: {note}");
        }
        line
    }

    /// A status as the person reads it.
    pub fn status(&self, status: crate::model::casework::ReferralStatus) -> &'static str {
        let i = crate::model::casework::ReferralStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0);
        self.follow_up.statuses[i]
    }

    /// A moment as a line: "Moment van 2-3-2026 (casus-export, 8 contacten)".
    pub fn moment_line(&self, m: &crate::model::casework::Moment) -> String {
        let w = &self.follow_up;
        let source = match m.source {
            crate::model::casework::MomentSource::Casus => w.moment_sources[0],
            crate::model::casework::MomentSource::Recorded => w.moment_sources[1],
        };
        fill(
            w.moment_line,
            &[&self.date(m.day), source, &m.contacts().to_string()],
        )
    }

    /// The changes as lines a person reads: relations added, ended and changed, who came
    /// and went, and the kenners who left.
    pub fn change_lines(&self, changes: &crate::graph::changes::Changes) -> Vec<String> {
        let w = &self.changes;
        let day = |d: Option<crate::model::Date>| d.map(|d| self.date(d));
        // In her own network each relation is said from her side: "maatje Fenna Rosario",
        // "cliënt van Schuldhulp Vliet"; in the wijk's, as a sentence.
        let sentence = |r: &crate::graph::changes::RelationChange| match &changes.ego {
            Some(ego) if r.source == *ego => format!("{} {}", (self.kind)(r.kind), r.target_name),
            Some(ego) if r.target == *ego => {
                format!("{} {}", (self.kind_inverse)(r.kind), r.source_name)
            }
            _ => (self.step)(r.kind, true, &r.source_name, &r.target_name),
        };
        let mut lines = Vec::new();
        for r in &changes.added {
            lines.push(match day(r.day) {
                Some(d) => fill(w.added_on, &[&d, &sentence(r)]),
                None => fill(w.added, &[&sentence(r)]),
            });
        }
        for r in &changes.ended {
            lines.push(match day(r.day) {
                Some(d) => fill(w.ended_on, &[&d, &sentence(r)]),
                None => fill(w.ended, &[&sentence(r)]),
            });
        }
        for c in &changes.changed {
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|(name, [old, new])| {
                    let label = match *name {
                        "kind" => w.fields[0],
                        "strength" => w.fields[1],
                        "quality" => w.fields[2],
                        _ => w.fields[3],
                    };
                    fill(
                        w.field_change,
                        &[label, &self.value(name, old), &self.value(name, new)],
                    )
                })
                .collect();
            lines.push(fill(
                w.changed,
                &[&sentence(&c.relation), &fields.join(", ")],
            ));
        }
        let node = |n: &crate::graph::changes::NodeChange| {
            let extra: Vec<String> = day(n.day).into_iter().chain(n.reason.clone()).collect();
            if extra.is_empty() {
                n.name.clone()
            } else {
                format!("{} ({})", n.name, extra.join(", "))
            }
        };
        for n in &changes.nodes_added {
            lines.push(fill(w.node_added, &[&node(n)]));
        }
        for n in &changes.nodes_gone {
            lines.push(fill(w.node_gone, &[&node(n)]));
        }
        for n in &changes.kenners_gone {
            lines.push(fill(w.kenner_gone, &[&n.name]));
        }
        lines
    }

    /// A changed field's value in words (a kind, a strength, a quality, support letters).
    fn value(&self, field: &str, value: &serde_json::Value) -> String {
        let text = value.as_str().unwrap_or_default();
        match field {
            "kind" => text
                .parse::<RelationKind>()
                .map_or_else(|_| text.to_owned(), |k| (self.kind)(k).to_owned()),
            "strength" => value
                .as_i64()
                .and_then(Strength::new)
                .map_or_else(|| value.to_string(), |s| self.strength(s).to_owned()),
            "quality" => match text {
                "supportive" => self.casus.qualities[0].to_owned(),
                "burdening" => self.casus.qualities[2].to_owned(),
                _ => self.casus.qualities[1].to_owned(),
            },
            _ => serde_json::from_value::<crate::model::Support>(value.clone())
                .map(|s| {
                    if s.is_empty() {
                        "-".to_owned()
                    } else {
                        s.letters()
                    }
                })
                .unwrap_or_default(),
        }
    }

    /// A day as this language writes it (3-3-2026, 2026-03-03).
    pub fn date(&self, d: crate::model::Date) -> String {
        match self.language {
            Language::Dutch => format!("{}-{}-{}", d.day(), d.month(), d.year()),
            Language::English => d.to_string(),
        }
    }

    /// The word for a strength.
    pub fn strength(&self, strength: Strength) -> &'static str {
        self.strengths[usize::from(strength.get().clamp(1, 3)) - 1]
    }

    /// A route's steps, read from the resident to the goal: "Fatima is buur van Bep
    /// (buurvrouw, sterk) · Bep is familie van Ali".
    pub fn explain(&self, path: &ReferralPath) -> String {
        path.steps
            .iter()
            .map(|step| self.explain_step(path, step))
            .collect::<Vec<_>>()
            .join(self.step_separator)
    }

    /// One step, with the role of whom it reaches and its strength unless normal.
    pub fn explain_step(&self, path: &ReferralPath, step: &PathStep) -> String {
        let name = |i: usize| path.nodes.get(i).map_or("?", |n| n.name.as_str());
        let mut text = (self.step)(step.kind, step.forward, name(step.from), name(step.to));
        let role = path
            .nodes
            .get(step.to)
            .and_then(|n| n.role.as_deref())
            .filter(|r| !r.trim().is_empty());
        let strength = (step.strength != Strength::NORMAL).then(|| self.strength(step.strength));
        let extra: Vec<&str> = role.into_iter().chain(strength).collect();
        if !extra.is_empty() {
            text.push_str(&format!(" ({})", extra.join(", ")));
        }
        text
    }

    /// A route in a few words: "3 stappen, via sterke banden".
    pub fn summary(&self, path: &ReferralPath) -> String {
        let weakest = path.steps.iter().map(|s| s.strength).min();
        let via = match weakest {
            Some(s) if s == Strength::STRONG => self.via_strong,
            Some(s) if s == Strength::WEAK => self.via_weak,
            Some(_) => self.via_normal,
            None => "",
        };
        let steps = count(self.steps, path.steps.len());
        if via.is_empty() {
            steps
        } else {
            format!("{steps}, {via}")
        }
    }

    /// The title of the `k`th route (0 the first): "makkelijkste weg: 3 stappen, via sterke
    /// banden", then "weg 2: …".
    pub fn way_title(&self, k: usize, path: &ReferralPath) -> String {
        let which = if k == 0 {
            self.easiest.to_owned()
        } else {
            fill(self.way_n, &[&(k + 1).to_string()])
        };
        fill(self.way_title, &[&which, &self.summary(path)])
    }

    /// Why she is a kenner, in the order the list is ranked by: first the share of the
    /// routes between others that run through her (the ranking), then the groups she
    /// joins and how many she knows.
    pub fn kenner_reason(&self, kenner: &Kenner) -> String {
        // The whole name: a first word may be a title ("Dokter", "Imam") or a placeholder
        // ("Persoon 1711"), and two people may share a first name.
        let first = kenner.name.as_str();
        let share = kenner.betweenness * 100.0;
        let mut parts = vec![if kenner.betweenness <= 0.0 {
            fill(self.kenner_share_none, &[first])
        } else if share < 1.0 {
            fill(self.kenner_share_small, &[first])
        } else {
            fill(self.kenner_share, &[&format!("{share:.0}"), first])
        }];
        if kenner.communities > 1 {
            parts.push(fill(self.kenner_groups, &[&kenner.communities.to_string()]));
        }
        parts.push(count(self.kenner_knows, kenner.degree));
        parts.join(" · ")
    }

    /// A picture's subtitle counts: "12 personen, organisaties en initiatieven, 16 relaties".
    pub fn picture_counts(&self, nodes: usize, relations: usize) -> String {
        format!(
            "{}, {}",
            count(self.nodes_count, nodes),
            count(self.relations_count, relations)
        )
    }
}

impl Words {
    /// Everything held about one person as plain text in this language (`inzage.txt`).
    pub fn inzage_text(&self, inzage: &crate::store::privacy::Inzage) -> String {
        let w = &self.inzage;
        let n = &inzage.node;
        let mut text = String::new();
        let mut line = |s: String| {
            text.push_str(&s);
            text.push('\n');
        };
        line(fill(w.title, &[&n.name]));
        line(fill(w.made, &[&crate::model::now_timestamp()]));
        line(String::new());
        line(w.fields.to_owned());
        let [
            name,
            kind,
            role,
            wijk,
            contact,
            notes,
            themes,
            offers,
            needs,
        ] = w.labels;
        line(format!("  {name}: {}", n.name));
        line(format!("  {kind}: {}", (self.node_kind)(n.kind)));
        for (label, value) in [
            (role, &n.role),
            (wijk, &n.wijk),
            (contact, &n.contact),
            (notes, &n.notes),
        ] {
            if let Some(v) = value {
                line(format!("  {label}: {v}"));
            }
        }
        for (label, list) in [(themes, &n.tags), (offers, &n.offers), (needs, &n.needs)] {
            if !list.is_empty() {
                line(format!("  {label}: {}", list.join(", ")));
            }
        }
        line(format!(
            "  {}",
            fill(
                w.stamps,
                &[&stamp_text(n.created_at), &stamp_text(n.updated_at)]
            )
        ));
        line(String::new());
        line(fill(w.relations, &[&inzage.relations.len().to_string()]));
        for r in &inzage.relations {
            let mut s = format!(
                "  {} {} ({}), {}",
                (self.kind)(r.relation.kind),
                r.other,
                (self.node_kind)(r.other_kind),
                fill(w.strength, &[self.strength(r.relation.strength)])
            );
            if let Some(since) = r.relation.since {
                s.push_str(", ");
                s.push_str(&fill(w.since, &[&since.to_string()]));
            }
            if let Some(until) = r.relation.until {
                s.push_str(", ");
                s.push_str(&fill(w.until, &[&until.to_string()]));
            }
            line(s);
        }
        line(String::new());
        line(w.consent.to_owned());
        if inzage.consent_history.is_empty() {
            line(format!("  {}", w.nothing));
        }
        for (time, user, consent) in &inzage.consent_history {
            let c = consent.clone().unwrap_or_default();
            let basis = c.legal_basis.map_or("-", |b| (self.basis)(b));
            let mut s = fill(
                w.consent_line,
                &[time, user, basis, (self.consent)(c.status)],
            );
            if let Some(p) = &c.purpose {
                s.push_str(&fill(w.purpose, &[p]));
            }
            if let Some(with) = &c.share_with {
                s.push_str(&fill(w.share_with, &[with]));
            }
            if let Some(d) = c.withdrawn {
                s.push_str(&fill(w.withdrawn, &[&d.to_string()]));
            }
            line(format!("  {s}"));
        }
        line(String::new());
        line(w.who.to_owned());
        for l in &inzage.log {
            line(format!("  {} {} {}", l.time, l.user, l.action));
        }
        line(String::new());
        line(w.exports.to_owned());
        if inzage.exports.is_empty() {
            line(format!("  {}", w.none));
        }
        for l in &inzage.exports {
            line(format!("  {} {} {}", l.time, l.user, l.action));
        }
        line(String::new());
        line(w.moments.to_owned());
        if inzage.moments.is_empty() {
            line(format!("  {}", w.none));
        }
        for m in &inzage.moments {
            line(format!("  {}", self.moment_line(m)));
        }
        line(String::new());
        line(w.referrals.to_owned());
        if inzage.referrals.is_empty() {
            line(format!("  {}", w.none));
        }
        for r in &inzage.referrals {
            let mut s = format!(
                "  {} {} ({})",
                self.date(r.day),
                r.to,
                self.status(r.status)
            );
            if let Some(theme) = &r.theme {
                s.push_str(&format!(" · {theme}"));
            }
            if let Some(note) = &r.note {
                s.push_str(&format!(": {note}"));
            }
            line(s);
        }
        text
    }
}

/// A stamp as an inzage writes it: RFC 3339, or nothing when it is not known.
fn stamp_text(stamp: Option<crate::model::Timestamp>) -> String {
    stamp.map(|t| t.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::paths::PathNode;

    fn path(kinds: &[(RelationKind, bool, u8)]) -> ReferralPath {
        let names = ["Fatima", "Bep", "Ali", "Huiswerkklas"];
        let roles = [None, Some("vriendin"), None, None];
        ReferralPath {
            cost: 0,
            nodes: names
                .iter()
                .zip(roles)
                .map(|(n, r)| PathNode {
                    id: n.to_lowercase().into(),
                    name: (*n).into(),
                    kind: NodeKind::Person,
                    role: r.map(str::to_owned),
                })
                .collect(),
            steps: kinds
                .iter()
                .enumerate()
                .map(|(i, &(kind, forward, s))| PathStep {
                    from: i,
                    to: i + 1,
                    kind,
                    strength: Strength::new(i64::from(s)).unwrap(),
                    forward,
                })
                .collect(),
        }
    }

    #[test]
    fn a_route_reads_from_the_resident_to_the_goal_whichever_way_it_was_stored() {
        let p = path(&[
            (RelationKind::Knows, false, 3),
            (RelationKind::Family, true, 2),
            (RelationKind::ParticipatesIn, true, 2),
        ]);
        let nl = Language::Dutch.words();
        assert_eq!(
            nl.explain(&p),
            "Fatima kent Bep (vriendin, sterk) · Bep is familie van Ali · Ali doet mee aan Huiswerkklas"
        );
        assert_eq!(
            nl.way_title(0, &p),
            "Makkelijkste weg: 3 stappen, via gewone banden"
        );
        assert_eq!(nl.way_title(1, &p), "Weg 2: 3 stappen, via gewone banden");
        let en = Language::English.words();
        assert_eq!(
            en.explain(&p),
            "Fatima knows Bep (vriendin, strong) · Bep is family of Ali · Ali takes part in Huiswerkklas"
        );
        // Through an activity: its volunteer was stored as "Ali is vrijwilliger bij",
        // but the route comes from the activity, and says so from there.
        let mut through = path(&[
            (RelationKind::ParticipatesIn, true, 2),
            (RelationKind::VolunteersAt, false, 1),
        ]);
        through.nodes[1].name = "Buurthuis".into();
        through.nodes[1].role = None;
        through.nodes[2].name = "Anja".into();
        assert_eq!(
            nl.explain(&through),
            "Fatima doet mee aan Buurthuis · bij Buurthuis is Anja vrijwilliger (zwak)"
        );
        assert_eq!(
            en.explain(&through),
            "Fatima takes part in Buurthuis · Buurthuis has Anja as a volunteer (weak)"
        );
        assert_eq!(en.summary(&through), "2 steps, also through a weak tie");
    }
}
