//! The casus pack for a casusoverleg: a resident's netwerkcirkel in the scheme the wijkteam
//! uses (Lensink, Pantuček or the wijk's own), drawn as an ecogram, and the list of
//! betrokkenen, on A4 pages with a header (resident, date, author, organisation, purpose
//! and legal basis, "Vertrouwelijk") and "page x of y" on every page.
//!
//! Lines are drawn as the ecogram draws them: steunend thick and solid, neutraal thin and
//! dotted, belastend a red zigzag; the support letters (P, G, A, E) on the line and arrows
//! for who supports whom. Colour means the sector (quadrant), as the legend says.
//!
//! [`Casus`] is what the pack shows (computed from the wijk, pseudonymised on request);
//! [`pages`] draws it as SVG pages and [`pdf`] makes one PDF of them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::graphml::escape;
use super::picture::{self, PictureError, shape, text_width};
use crate::layout::circle::{self, Contact, Place, Scheme};
use crate::layout::ecogram::{self, towards};
use crate::model::{
    Date, Node, NodeId, NodeKind, Quality, Relation, SupportDirection, SupportType,
};
use crate::privacy::{PseudonymOptions, keeps_name, pseudonymise};
use crate::words::{CasusWords, Language, Words, fill};

/// A4 portrait in the SVG's units (96 per inch): 210 x 297 mm.
const PAGE_W: f64 = 794.0;
const PAGE_H: f64 = 1123.0;
const MARGIN: f64 = 40.0;
const INK: &str = "#222222";
const MUTED: &str = "#555555";
const RED: &str = "#c62828";
const RULE: &str = "#cccccc";

/// One colour per sector (quadrant), light enough to write on as a tint.
pub const SECTOR_COLOURS: [&str; 4] = [
    picture::PALETTE[SECTOR_PALETTE[0]],
    picture::PALETTE[SECTOR_PALETTE[1]],
    picture::PALETTE[SECTOR_PALETTE[2]],
    picture::PALETTE[SECTOR_PALETTE[3]],
];
/// Each sector's colour as a place in [`picture::PALETTE`] (the app colours the circle by
/// these, as the paper does).
pub const SECTOR_PALETTE: [usize; 4] = [0, 2, 1, 4];
const SECTOR_TINTS: [&str; 4] = ["#e8f1f9", "#eaf6ea", "#fff1e3", "#f2edf8"];

/// The header fields and choices of a casus pack.
#[derive(Clone, Debug, Default)]
pub struct CasusOptions {
    /// The scheme.
    pub scheme: Scheme,
    /// Who drew it up (the name from the settings).
    pub author: Option<String>,
    /// Her organisation.
    pub organisation: Option<String>,
    /// The purpose of sharing (else the resident's consent purpose).
    pub purpose: Option<String>,
    /// Also draw the relations between contacts (thin, grey).
    pub between_contacts: bool,
}

/// One betrokkene: a contact of the resident, as the pack shows her.
#[derive(Clone, Debug, PartialEq)]
pub struct Betrokkene {
    /// Her id in the wijk (never printed).
    pub id: NodeId,
    /// Her name, or the pseudonym by her tie to the resident ("broer A", "huisarts").
    pub name: String,
    /// Person, organisation or initiative.
    pub kind: NodeKind,
    /// Her place and tie.
    pub contact: Contact,
    /// Her tie's kind, said from the resident ("familie", "cliënt van").
    pub relation: String,
    /// Contact details, only where her consent lets them be shared (organisations always):
    /// `None` when held back, empty when there are none.
    pub details: Option<String>,
}

/// What a casus pack shows.
#[derive(Clone, Debug)]
pub struct Casus {
    /// The scheme.
    pub scheme: Scheme,
    /// The resident's name or pseudonym.
    pub resident: String,
    /// The date.
    pub date: Date,
    /// The header fields.
    pub options: CasusOptions,
    /// The legal basis, worded (from her consent).
    pub legal_basis: Option<String>,
    /// The purpose (given, else her consent's).
    pub purpose: Option<String>,
    /// Her contacts, by sector, ring and name.
    pub betrokkenen: Vec<Betrokkene>,
    /// Relations between contacts (indexes into `betrokkenen`), when asked for.
    pub between: Vec<(usize, usize, Quality)>,
    /// Whether persons are pseudonymised.
    pub pseudonymised: bool,
    /// The language.
    pub language: Language,
    /// What changed since her earlier moment (page 3), when she has one.
    pub since: Option<SinceMoment>,
}

/// Page 3 of the pack: what changed in her circle since an earlier casus moment, each line
/// worded with the names (or pseudonyms) of the pack.
#[derive(Clone, Debug, Default)]
pub struct SinceMoment {
    /// The moment's day.
    pub day: Date,
    /// New relations (green).
    pub added: Vec<String>,
    /// Relations that ended, or contacts who left (grey).
    pub ended: Vec<String>,
    /// Relations with a changed kind, strength, quality or support, and who came (orange).
    pub changed: Vec<String>,
}

/// Adds page 3 to `casus`: `changes` (since her earlier moment, `graph::changes::
/// since_moment`) worded with the pack's own names, so a pseudonymised pack names a
/// contact as pages 1 and 2 do, and one who is no longer there as "een eerdere
/// contactpersoon" (an organisation or initiative by its name).
pub fn add_changes(casus: &mut Casus, changes: &crate::graph::changes::Changes, nodes: &[Node]) {
    let w = casus.language.words();
    let by_id: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let shown: HashMap<&str, &str> = casus
        .betrokkenen
        .iter()
        .map(|b| (b.id.as_str(), b.name.as_str()))
        .collect();
    let ego = changes.ego.as_ref().map(|e| e.as_str());
    let label = |id: &str, name: &str| -> String {
        if Some(id) == ego {
            return casus.resident.clone();
        }
        if let Some(s) = shown.get(id) {
            return (*s).to_owned();
        }
        match by_id.get(id) {
            Some(n) if n.kind != NodeKind::Person || !casus.pseudonymised => name.to_owned(),
            _ => w.casus.former_contact.to_owned(),
        }
    };
    let relabel = |r: &crate::graph::changes::RelationChange| {
        let mut r = r.clone();
        r.source_name = label(&r.source, &r.source_name);
        r.target_name = label(&r.target, &r.target_name);
        r
    };
    let renode = |n: &crate::graph::changes::NodeChange| {
        let mut n = n.clone();
        n.name = label(&n.id, &n.name);
        n
    };
    let part = |added: bool, ended: bool, changed: bool| crate::graph::changes::Changes {
        since: changes.since,
        until: changes.until,
        ego: changes.ego.clone(),
        added: if added {
            changes.added.iter().map(relabel).collect()
        } else {
            Vec::new()
        },
        ended: if ended {
            changes.ended.iter().map(relabel).collect()
        } else {
            Vec::new()
        },
        changed: if changed {
            changes
                .changed
                .iter()
                .map(|c| crate::graph::changes::FieldsChanged {
                    relation: relabel(&c.relation),
                    fields: c.fields.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        nodes_added: if changed {
            changes.nodes_added.iter().map(renode).collect()
        } else {
            Vec::new()
        },
        nodes_gone: if ended {
            changes.nodes_gone.iter().map(renode).collect()
        } else {
            Vec::new()
        },
        kenners_gone: Vec::new(),
    };
    // A pseudonym names the tie already ("maatje A"): the line's "maatje maatje A" says
    // it once.
    let pseudonymised = casus.pseudonymised;
    let lines = |c: &crate::graph::changes::Changes| -> Vec<String> {
        let lines = w.change_lines(c);
        if !pseudonymised {
            return lines;
        }
        lines
            .into_iter()
            .map(|line| {
                let mut out: Vec<&str> = Vec::new();
                for word in line.split(' ') {
                    if out.last() != Some(&word) {
                        out.push(word);
                    }
                }
                out.join(" ")
            })
            .collect()
    };
    casus.since = Some(SinceMoment {
        day: changes.since.unwrap_or(casus.date),
        added: lines(&part(true, false, false)),
        ended: lines(&part(false, true, false)),
        changed: lines(&part(false, false, true)),
    });
}

/// The colours of page 3: new green, ended grey, changed orange (the app's too).
pub const CHANGE_COLOURS: [&str; 3] = ["#2e7d32", "#8a8a8a", "#e07b00"];

/// Page 3: what changed since her earlier moment, a coloured mark before each line.
fn changes_page(casus: &Casus, since: &SinceMoment, page: usize, pages: usize) -> String {
    let w = &casus.language.words().casus;
    let mut out = String::new();
    page_open(&mut out, casus);
    header(&mut out, casus, page, pages);
    let text_w = PAGE_W - 2.0 * MARGIN;
    let mut y = MARGIN + 86.0;
    let _ = write!(
        out,
        r#"<text x="{MARGIN}" y="{y:.1}" font-size="15" font-weight="bold" fill="{INK}">{}</text>"#,
        escape(&fill(w.changed_since, &[&since.day.to_string()]))
    );
    y += 20.0;
    let mut x = MARGIN;
    for (mark, colour) in w.change_marks.iter().zip(CHANGE_COLOURS) {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="9" height="9" fill="{colour}"/><text x="{:.1}" y="{y:.1}" font-size="10" fill="{MUTED}">{}</text>"#,
            y - 8.5,
            x + 13.0,
            escape(mark)
        );
        x += 20.0 + text_width(mark, 10.0);
    }
    let lines: Vec<(&str, &String)> = since
        .added
        .iter()
        .map(|l| (CHANGE_COLOURS[0], l))
        .chain(since.ended.iter().map(|l| (CHANGE_COLOURS[1], l)))
        .chain(since.changed.iter().map(|l| (CHANGE_COLOURS[2], l)))
        .collect();
    y += 8.0;
    if lines.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{MARGIN}" y="{:.1}" font-size="11" fill="{INK}">{}</text>"#,
            y + 18.0,
            escape(casus.language.words().changes.nothing)
        );
    }
    let fits = ((PAGE_H - MARGIN - 30.0 - y) / 17.0).max(1.0) as usize;
    for (k, (colour, line)) in lines.iter().enumerate() {
        y += 17.0;
        if k + 1 == fits && lines.len() > fits {
            let _ = write!(
                out,
                r#"<text x="{MARGIN}" y="{y:.1}" font-size="10.5" fill="{MUTED}">{}</text>"#,
                escape(&fill(w.and_more, &[&(lines.len() - k).to_string()]))
            );
            break;
        }
        let _ = write!(
            out,
            r#"<rect x="{MARGIN}" y="{:.1}" width="9" height="9" fill="{colour}"/><text x="{:.1}" y="{y:.1}" font-size="10.5" fill="{INK}">{}</text>"#,
            y - 8.5,
            MARGIN + 15.0,
            escape(&clip(line, text_w - 15.0, 10.5))
        );
    }
    out.push_str("</svg>");
    out
}

/// Whether `node`'s contact details may go into a pack: an organisation's or initiative's
/// always; a person's only when she keeps her name and her consent says what may be
/// shared, is not withdrawn and not expired.
fn may_share_contact(
    node: &Node,
    names: PseudonymOptions,
    pseudonymised: bool,
    today: Date,
) -> bool {
    if node.kind != NodeKind::Person {
        return true;
    }
    let named = !pseudonymised || keeps_name(node, names);
    named
        && node.consent.as_ref().is_some_and(|c| {
            c.share_with
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty())
                && !c.is_withdrawn(today)
                && !c.is_expired(today)
        })
}

/// The casus of resident `ego` from the wijk's `nodes` and `relations` (those that hold
/// `date`), with the makelaar's `placed` places: names or pseudonyms, each contact's place,
/// tie and shareable details.
#[allow(clippy::too_many_arguments)]
pub fn casus(
    nodes: &[Node],
    relations: &[Relation],
    ego: &str,
    placed: &HashMap<NodeId, Place>,
    options: CasusOptions,
    pseudonymised: bool,
    keep_consented: bool,
    language: Language,
    date: Date,
) -> Option<Casus> {
    let centre = nodes.iter().find(|n| n.id == ego)?;
    let current: Vec<Relation> = crate::model::relations_on(nodes, relations, date)
        .cloned()
        .collect();
    let contacts = circle::contacts(options.scheme, ego, nodes, &current, placed);
    let by_id: HashMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    // The people drawn, and the relations among them, for the pseudonyms.
    let mut drawn: Vec<Node> = vec![centre.clone()];
    drawn.extend(
        contacts
            .iter()
            .filter_map(|c| by_id.get(c.id.as_str()).map(|n| (*n).clone())),
    );
    let in_drawn = |id: &str| drawn.iter().any(|n| n.id == id);
    let among: Vec<Relation> = current
        .iter()
        .filter(|r| in_drawn(&r.source) && in_drawn(&r.target))
        .cloned()
        .collect();
    let names = PseudonymOptions {
        keep_consented,
        only_withdrawn: !pseudonymised,
    };
    let made = pseudonymise(&drawn, &among, names, Some(ego));
    let shown: HashMap<&str, &str> = made
        .from
        .iter()
        .map(|&k| drawn[k].id.as_str())
        .zip(made.nodes.iter().map(|n| n.name.as_str()))
        .collect();
    let words = language.words();
    let betrokkenen: Vec<Betrokkene> = contacts
        .into_iter()
        .filter_map(|contact| {
            let node = *by_id.get(contact.id.as_str())?;
            let main = contact
                .tie
                .relations
                .iter()
                .map(|&k| &current[k])
                .find(|r| r.kind == contact.tie.kind)?;
            let relation = if main.source == ego {
                (words.kind)(main.kind)
            } else {
                (words.kind_inverse)(main.kind)
            };
            Some(Betrokkene {
                id: node.id.clone(),
                name: shown
                    .get(node.id.as_str())
                    .map_or_else(|| node.name.clone(), |s| (*s).to_owned()),
                kind: node.kind,
                relation: relation.to_owned(),
                details: may_share_contact(node, names, pseudonymised, date)
                    .then(|| node.contact.clone().unwrap_or_default()),
                contact,
            })
        })
        .collect();
    let between = if options.between_contacts {
        let ids: Vec<&str> = betrokkenen.iter().map(|b| b.id.as_str()).collect();
        circle::between(&ids, &among)
    } else {
        Vec::new()
    };
    let consent = centre.consent.as_ref();
    Some(Casus {
        scheme: options.scheme,
        resident: shown
            .get(ego)
            .map_or_else(|| centre.name.clone(), |s| (*s).to_owned()),
        date,
        legal_basis: consent
            .and_then(|c| c.legal_basis)
            .map(|b| (words.basis)(b).to_owned()),
        purpose: options
            .purpose
            .clone()
            .or_else(|| consent.and_then(|c| c.purpose.clone())),
        options,
        betrokkenen,
        between,
        pseudonymised,
        language,
        since: None,
    })
}

/// Writes the page's header and footer: title and "Vertrouwelijk", the date, author,
/// organisation, purpose and legal basis, and "page x of y".
fn header(out: &mut String, casus: &Casus, page: usize, pages: usize) {
    let w = &casus.language.words().casus;
    let or_blank = |v: &Option<String>| v.clone().unwrap_or_else(|| w.not_filled.to_owned());
    let _ = write!(
        out,
        r#"<text x="{MARGIN}" y="{:.1}" font-size="20" font-weight="bold" fill="{INK}">{}</text>"#,
        MARGIN + 12.0,
        escape(&fill(w.title, &[&casus.resident]))
    );
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="16" font-weight="bold" fill="{RED}" text-anchor="end">{}</text>"#,
        PAGE_W - MARGIN,
        MARGIN + 12.0,
        escape(w.confidential)
    );
    let lines = [
        format!(
            "{} · {} · {}",
            fill(w.date, &[&casus.date.to_string()]),
            fill(w.drawn_by, &[&or_blank(&casus.options.author)]),
            fill(w.organisation, &[&or_blank(&casus.options.organisation)]),
        ),
        format!(
            "{} · {}",
            fill(w.purpose, &[&or_blank(&casus.purpose)]),
            fill(w.legal_basis, &[&or_blank(&casus.legal_basis)]),
        ),
    ];
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{MARGIN}" y="{:.1}" font-size="10.5" fill="{MUTED}">{}</text>"#,
            MARGIN + 32.0 + 15.0 * k as f64,
            escape(&clip(line, PAGE_W - 2.0 * MARGIN, 10.5))
        );
    }
    let _ = write!(
        out,
        r#"<line x1="{MARGIN}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{RULE}"/>"#,
        PAGE_W - MARGIN,
        y = MARGIN + 58.0
    );
    let scheme = casus.language.words().casus.scheme(casus.scheme).name;
    let _ = write!(
        out,
        r#"<text x="{MARGIN}" y="{:.1}" font-size="9.5" fill="{MUTED}">{} · {}</text>"#,
        PAGE_H - MARGIN + 10.0,
        escape(&fill(w.scheme, &[scheme])),
        escape(w.confidential)
    );
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="9.5" fill="{MUTED}" text-anchor="end">{}</text>"#,
        PAGE_W - MARGIN,
        PAGE_H - MARGIN + 10.0,
        escape(&fill(w.page, &[&page.to_string(), &pages.to_string()]))
    );
}

/// `text` cut with an ellipsis to fit `width` at `size`.
fn clip(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let keep = ((width / (size * 0.6)) as usize).saturating_sub(1);
    let mut out: String = text.chars().take(keep).collect();
    out.push('…');
    out
}

/// Opens a page: A4, our font (and what to use without it), titled as the pack.
fn page_open(out: &mut String, casus: &Casus) {
    let title = fill(casus.language.words().casus.title, &[&casus.resident]);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="{}"><title>{}</title><rect width="{PAGE_W}" height="{PAGE_H}" fill="white"/>"#,
        picture::FONT_STACK,
        escape(&title)
    );
}

/// An ecogram line from `a` to `b`: thick and solid (steunend), thin and dotted
/// (neutraal) or a red zigzag (belastend).
fn ecogram_line(out: &mut String, a: [f64; 2], b: [f64; 2], quality: Quality, faint: bool) {
    let colour = if faint { "#9a9a9a" } else { INK };
    match quality {
        Quality::Supportive => {
            let _ = write!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="{}" stroke-linecap="round"/>"#,
                a[0],
                a[1],
                b[0],
                b[1],
                if faint { 1.6 } else { 3.2 }
            );
        }
        Quality::Neutral => {
            let _ = write!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="1.2" stroke-dasharray="2 3"/>"#,
                a[0], a[1], b[0], b[1]
            );
        }
        Quality::Burdening => {
            let points = ecogram::zigzag(a, b, 7.0, 4.0);
            let mut d = String::new();
            for (k, p) in points.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{:.1},{:.1}",
                    if k == 0 { "M" } else { " L" },
                    p[0],
                    p[1]
                );
            }
            let _ = write!(
                out,
                r#"<path d="{d}" fill="none" stroke="{RED}" stroke-width="{}" stroke-linejoin="round"/>"#,
                if faint { 1.2 } else { 2.0 }
            );
        }
    }
}

/// An arrowhead at `tip`, pointing away from `from`.
fn arrowhead(out: &mut String, from: [f64; 2], tip: [f64; 2], colour: &str) {
    let [a, b, c] = ecogram::arrowhead(from, tip, 11.0);
    let _ = write!(
        out,
        r#"<path d="M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z" fill="{colour}"/>"#,
        a[0], a[1], b[0], b[1], c[0], c[1]
    );
}

/// Page 1: the circle, its labels and the legend.
fn circle_page(casus: &Casus, pages: usize) -> String {
    let words: &Words = casus.language.words();
    let w: &CasusWords = &words.casus;
    let names = w.scheme(casus.scheme);
    let mut out = String::new();
    page_open(&mut out, casus);
    header(&mut out, casus, 1, pages);
    let (cx, cy, radius) = (PAGE_W / 2.0, 430.0, 290.0);
    let at = |p: [f64; 2]| [cx + p[0] * radius, cy + p[1] * radius];
    // The four sectors as tinted quarter discs, the rings as circles over them.
    for (s, tint) in SECTOR_TINTS.iter().enumerate() {
        let (a0, a1) = circle::sector_range(s as u8);
        let p0 = at([a0.cos(), a0.sin()]);
        let p1 = at([a1.cos(), a1.sin()]);
        let _ = write!(
            out,
            r#"<path d="M{cx:.1},{cy:.1} L{:.1},{:.1} A{radius:.1},{radius:.1} 0 0 1 {:.1},{:.1} Z" fill="{tint}"/>"#,
            p0[0], p0[1], p1[0], p1[1]
        );
    }
    for ring in 0..casus.scheme.rings() {
        let (_, outer) = circle::ring_band(casus.scheme, ring);
        let _ = write!(
            out,
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{:.1}" fill="none" stroke="#b9b9b9" stroke-width="1"/>"##,
            outer * radius
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{:.1}" y1="{cy:.1}" x2="{:.1}" y2="{cy:.1}" stroke="#b9b9b9"/><line x1="{cx:.1}" y1="{:.1}" x2="{cx:.1}" y2="{:.1}" stroke="#b9b9b9"/>"##,
        cx - radius,
        cx + radius,
        cy - radius,
        cy + radius
    );
    // Ring names along the top of the vertical axis, each in its band.
    for (ring, name) in names.rings.iter().enumerate() {
        let (mid, _) = circle::ring_band(casus.scheme, ring as u8);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="9.5" fill="{MUTED}">{}</text>"#,
            cx + 3.0,
            cy - mid * radius + 3.0,
            escape(name)
        );
    }
    // Sector names outside the circle at each quadrant's outer corner.
    for (s, name) in names.sectors.iter().enumerate() {
        let right = s == 1 || s == 2;
        let below = s >= 2;
        let x = if right { cx + radius } else { cx - radius };
        let y = if below {
            cy + radius + 4.0
        } else {
            cy - radius - 4.0
        };
        let anchor = if right { "end" } else { "start" };
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="13" font-weight="bold" fill="{}" text-anchor="{anchor}">{}</text>"#,
            SECTOR_COLOURS[s],
            escape(name)
        );
    }
    let positions = circle::positions(
        casus.scheme,
        &casus
            .betrokkenen
            .iter()
            .map(|b| b.contact.clone())
            .collect::<Vec<_>>(),
    );
    let place_of = |b: &Betrokkene| at(positions.get(&b.id).copied().unwrap_or([0.0, 0.0]));
    let centre = [cx, cy];
    let node_r = 7.5;
    // Lines between contacts first (under everything), on request.
    for &(a, b, quality) in &casus.between {
        let (pa, pb) = (
            place_of(&casus.betrokkenen[a]),
            place_of(&casus.betrokkenen[b]),
        );
        ecogram_line(
            &mut out,
            towards(pa, pb, node_r),
            towards(pb, pa, node_r),
            quality,
            true,
        );
    }
    for b in &casus.betrokkenen {
        let p = place_of(b);
        let start = towards(centre, p, 24.0);
        let end = towards(p, centre, node_r + 2.0);
        ecogram_line(&mut out, start, end, b.contact.tie.quality, false);
        let colour = if b.contact.tie.quality == Quality::Burdening {
            RED
        } else {
            INK
        };
        let (at_resident, at_contact) = ecogram::arrows(b.contact.tie.direction);
        if at_contact {
            arrowhead(&mut out, start, end, colour);
        }
        if at_resident {
            arrowhead(&mut out, end, start, colour);
        }
        let letters = b.contact.tie.support.letters();
        if !letters.is_empty() {
            let m = ecogram::letters_at(start, end);
            let width = text_width(&letters, 10.0) + 6.0;
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{width:.1}" height="13" rx="3" fill="white" stroke="{RULE}"/><text x="{:.1}" y="{:.1}" font-size="10" font-weight="bold" fill="{INK}" text-anchor="middle">{letters}</text>"#,
                m[0] - width / 2.0,
                m[1] - 7.0,
                m[0],
                m[1] + 3.5
            );
        }
    }
    for b in &casus.betrokkenen {
        let p = place_of(b);
        let colour = SECTOR_COLOURS[usize::from(b.contact.place.sector.min(3))];
        out.push_str(&shape(b.kind, p, node_r, colour));
        // The label outward from the centre, on the side away from it.
        let dir = towards([0.0, 0.0], [p[0] - cx, p[1] - cy], 1.0);
        let right = dir[0] >= 0.0;
        let lx = p[0] + if right { node_r + 3.0 } else { -node_r - 3.0 };
        let ly = p[1] + 3.5 + dir[1] * 4.0;
        let mark = if b.contact.placed { "*" } else { "" };
        let _ = write!(
            out,
            r#"<text x="{lx:.1}" y="{ly:.1}" font-size="10" fill="{INK}" text-anchor="{}">{}</text>"#,
            if right { "start" } else { "end" },
            escape(&clip(&format!("{}{mark}", b.name), 150.0, 10.0))
        );
    }
    // The resident.
    let _ = write!(
        out,
        r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="22" fill="#333333"/><text x="{cx:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="white" stroke="white" stroke-width="3" text-anchor="middle">{name}</text><text x="{cx:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="{INK}" text-anchor="middle">{name}</text>"##,
        cy + 38.0,
        cy + 38.0,
        name = escape(&clip(&casus.resident, 160.0, 11.0))
    );
    if casus.betrokkenen.is_empty() {
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{:.1}" font-size="12" fill="{MUTED}" text-anchor="middle">{}</text>"#,
            cy - 40.0,
            escape(w.no_contacts)
        );
    }
    legend(&mut out, casus, cy + radius + 40.0);
    out.push_str("</svg>");
    out
}

/// The legend under the circle: line styles, support letters, the arrow, and what the
/// colours and rings mean.
fn legend(out: &mut String, casus: &Casus, top: f64) {
    let w = &casus.language.words().casus;
    let names = w.scheme(casus.scheme);
    let col = |k: f64| MARGIN + k * (PAGE_W - 2.0 * MARGIN) / 3.0;
    let heading = |out: &mut String, x: f64, text: &str| {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{top:.1}" font-size="11.5" font-weight="bold" fill="{INK}">{}</text>"#,
            escape(text)
        );
    };
    let item = |out: &mut String, x: f64, row: usize, text: &str| {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" font-size="10" fill="{INK}">{}</text>"#,
            top + 18.0 + 16.0 * row as f64,
            escape(text)
        );
    };
    // Lines.
    heading(out, col(0.0), w.lines);
    for (row, (quality, label)) in Quality::ALL.into_iter().zip(w.qualities).enumerate() {
        let y = top + 14.0 + 16.0 * row as f64;
        ecogram_line(out, [col(0.0), y], [col(0.0) + 40.0, y], quality, false);
        item(out, col(0.0) + 48.0, row, label);
    }
    let y = top + 14.0 + 16.0 * 3.0;
    let _ = write!(
        out,
        r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{INK}" stroke-width="1.2"/>"#,
        col(0.0),
        col(0.0) + 32.0
    );
    arrowhead(out, [col(0.0), y], [col(0.0) + 40.0, y], INK);
    item(out, col(0.0) + 48.0, 3, w.arrow);
    // Support letters.
    heading(out, col(1.0), w.support);
    for (row, (t, label)) in SupportType::ALL
        .into_iter()
        .zip(w.support_types)
        .enumerate()
    {
        item(out, col(1.0), row, &format!("{}  {label}", t.letter()));
    }
    // Colours and rings.
    heading(out, col(2.0), w.colours);
    for (row, name) in names.sectors.iter().enumerate() {
        let y = top + 18.0 + 16.0 * row as f64;
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{}"/>"#,
            col(2.0),
            y - 9.0,
            SECTOR_COLOURS[row]
        );
        item(out, col(2.0) + 16.0, row, name);
    }
    let rings = names.rings.join(" · ");
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="10" fill="{MUTED}">{}</text>"#,
        MARGIN,
        top + 18.0 + 16.0 * 5.0,
        escape(&format!("{}: {rings}", names.name))
    );
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="9.5" fill="{MUTED}">{}</text>"#,
        MARGIN,
        top + 18.0 + 16.0 * 6.0,
        escape(&clip(w.placed_note, PAGE_W - 2.0 * MARGIN, 9.5))
    );
    let shapes = format!(
        "● {}  ■ {}  ◆ {}",
        (casus.language.words().node_kind)(NodeKind::Person),
        (casus.language.words().node_kind)(NodeKind::Organisation),
        (casus.language.words().node_kind)(NodeKind::Initiative)
    );
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" font-size="9.5" fill="{MUTED}">{}</text>"#,
        MARGIN,
        top + 18.0 + 16.0 * 7.0,
        escape(&shapes)
    );
}

/// The rows of the betrokkenen table: (is a heading, cells).
fn table_rows(casus: &Casus) -> Vec<(bool, [String; 7])> {
    let w = &casus.language.words().casus;
    let names = w.scheme(casus.scheme);
    let mut rows = Vec::new();
    let blank = || std::array::from_fn::<String, 7, _>(|_| String::new());
    for (formal, heading) in [(false, w.informal), (true, w.formal)] {
        let mut heading_row = blank();
        heading_row[0] = heading.to_owned();
        rows.push((true, heading_row));
        let mut any = false;
        for b in casus
            .betrokkenen
            .iter()
            .filter(|b| (b.contact.place.sector == 3) == formal)
        {
            any = true;
            let tie = &b.contact.tie;
            let quality = match tie.quality {
                Quality::Supportive => w.qualities[0],
                Quality::Neutral => w.qualities[1],
                Quality::Burdening => w.qualities[2],
            };
            let support = [
                tie.support.letters(),
                tie.direction
                    .map(|d| match d {
                        SupportDirection::ToTarget => w.directions[0],
                        SupportDirection::ToSource => w.directions[1],
                        SupportDirection::Mutual => w.directions[2],
                    })
                    .unwrap_or("")
                    .to_owned(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            rows.push((
                false,
                [
                    format!("{}{}", b.name, if b.contact.placed { "*" } else { "" }),
                    names
                        .rings
                        .get(usize::from(b.contact.place.ring))
                        .copied()
                        .unwrap_or("")
                        .to_owned(),
                    names.sectors[usize::from(b.contact.place.sector.min(3))].to_owned(),
                    b.relation.clone(),
                    quality.to_owned(),
                    support,
                    match b.details.as_deref() {
                        None => w.not_shared.to_owned(),
                        Some("") => "–".to_owned(),
                        Some(details) => details.to_owned(),
                    },
                ],
            ));
        }
        if !any {
            let mut none = blank();
            none[0] = format!("– {}", w.no_contacts);
            rows.push((false, none));
        }
    }
    rows
}

/// The betrokkenen pages: as many as the table needs.
fn table_pages(casus: &Casus, first: usize, pages: usize) -> Vec<String> {
    let w = &casus.language.words().casus;
    let rows = table_rows(casus);
    // Column left edges (fractions of the text width) and widths.
    let widths = [0.18, 0.09, 0.15, 0.11, 0.12, 0.21, 0.14];
    let text_w = PAGE_W - 2.0 * MARGIN;
    let per_page = table_capacity();
    let mut out_pages = Vec::new();
    for (k, chunk) in rows.chunks(per_page).enumerate() {
        let mut out = String::new();
        page_open(&mut out, casus);
        header(&mut out, casus, first + k, pages);
        let mut y = MARGIN + 86.0;
        let _ = write!(
            out,
            r#"<text x="{MARGIN}" y="{y:.1}" font-size="15" font-weight="bold" fill="{INK}">{}</text>"#,
            escape(w.betrokkenen)
        );
        y += 22.0;
        let mut x = MARGIN;
        for (c, title) in w.columns.iter().enumerate() {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{y:.1}" font-size="10" font-weight="bold" fill="{MUTED}">{}</text>"#,
                escape(title)
            );
            x += widths[c] * text_w;
        }
        y += 6.0;
        let _ = write!(
            out,
            r#"<line x1="{MARGIN}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{RULE}"/>"#,
            PAGE_W - MARGIN
        );
        for (is_heading, cells) in chunk {
            y += 18.0;
            if *is_heading {
                let _ = write!(
                    out,
                    r#"<text x="{MARGIN}" y="{y:.1}" font-size="11.5" font-weight="bold" fill="{INK}">{}</text>"#,
                    escape(&cells[0])
                );
                continue;
            }
            let mut x = MARGIN;
            for (c, cell) in cells.iter().enumerate() {
                let width = widths[c] * text_w - 6.0;
                let _ = write!(
                    out,
                    r#"<text x="{x:.1}" y="{y:.1}" font-size="9.5" fill="{INK}">{}</text>"#,
                    escape(&clip(cell, width, 9.5))
                );
                x += widths[c] * text_w;
            }
        }
        if k + 1 == rows.len().div_ceil(per_page) {
            let _ = write!(
                out,
                r#"<text x="{MARGIN}" y="{:.1}" font-size="9" fill="{MUTED}">{}</text>"#,
                y + 26.0,
                escape(&clip(w.placed_note, text_w, 9.0))
            );
        }
        out.push_str("</svg>");
        out_pages.push(out);
    }
    out_pages
}

/// How many table rows fit on one page.
fn table_capacity() -> usize {
    (((PAGE_H - 2.0 * MARGIN) - 86.0 - 28.0 - 60.0) / 18.0) as usize
}

/// The pack's pages as SVG: the circle, then the betrokkenen.
pub fn pages(casus: &Casus) -> Vec<String> {
    let rows = table_rows(casus).len();
    let tables = rows.div_ceil(table_capacity()).max(1);
    let total = 1 + tables + usize::from(casus.since.is_some());
    let mut out = vec![circle_page(casus, total)];
    out.extend(table_pages(casus, 2, total));
    if let Some(since) = &casus.since {
        out.push(changes_page(casus, since, total, total));
    }
    out
}

/// One PDF of `pages` (SVGs of A4), the font embedded, titled as the pack and by its
/// author and organisation.
pub fn pdf(casus: &Casus, pages: &[String]) -> Result<Vec<u8>, PictureError> {
    let w = &casus.language.words().casus;
    let author = [
        casus.options.author.as_deref(),
        casus.options.organisation.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let info = picture::PdfInfo {
        title: fill(w.title, &[&casus.resident]),
        author: Some(author).filter(|a| !a.is_empty()),
        day: casus.date,
        language: casus.language,
    };
    picture::pdf_document(pages, &info)
}

/// A file for a casus pack in `dir` (or at `wanted` when that is a free file name), never
/// an existing one: `casus-2026-12-02.pdf`, then `casus-2026-12-02-2.pdf`. No person's
/// name is in it.
pub fn free_name(wanted: &Path, date: Date, extension: &str) -> PathBuf {
    let (dir, stem) = if wanted.is_dir() {
        (wanted.to_path_buf(), format!("casus-{date}"))
    } else {
        let stem = wanted.file_stem().map_or_else(
            || format!("casus-{date}"),
            |s| s.to_string_lossy().into_owned(),
        );
        (
            wanted.parent().map_or_else(PathBuf::new, Path::to_path_buf),
            stem,
        )
    };
    let first = dir.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|k| dir.join(format!("{stem}-{k}.{extension}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
