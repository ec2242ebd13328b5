//! Following people up (opvolgen): who to call this week. A person is *due* when her
//! follow-up day has come (overdue first, the oldest on top), *this week* when it comes
//! within the next seven days, and *not contacted* when the makelaar's last contact with
//! her is longer ago than the period she set (someone she never recorded a contact with is
//! not in her caseload, and not listed).

use serde::Serialize;

use super::{Date, Node, NodeId, NodeKind, Relation};

/// One person to follow up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// Her id.
    pub id: NodeId,
    /// Her name.
    pub name: String,
    /// The day: her follow-up day, or her last contact (none: never).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<Date>,
    /// What to follow up, when it was written down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Days past the follow-up day, or since the last contact (negative: days to go).
    pub days: i64,
}

/// Who to follow up, in the order to call them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Due {
    /// Follow-up day today or before: the longest overdue first.
    pub overdue: Vec<DueItem>,
    /// Follow-up day in the next seven days: the soonest first.
    pub this_week: Vec<DueItem>,
    /// Her last contact longer ago than the period: the longest first.
    pub not_contacted: Vec<DueItem>,
    /// Referrals without an outcome (voorgesteld), the one to ask about first on top
    /// (filled in by [`add_referrals`]).
    pub referrals: Vec<OpenReferral>,
}

/// A referral still without an outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenReferral {
    /// The referral's id.
    pub id: String,
    /// The resident.
    pub resident: NodeId,
    /// Her name.
    pub resident_name: String,
    /// To whom or what.
    pub target: NodeId,
    /// Its name.
    pub target_name: String,
    /// The day of the referral.
    pub day: Date,
    /// When to ask how it went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Date>,
    /// The note, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Days past the follow-up day (negative: days to go; none: no follow-up day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// Fills in `due.referrals`: the referrals still voorgesteld, the longest past their
/// follow-up day first, then the soonest to come, then those without a day (oldest
/// first). A referral of someone no longer in the wijk is not asked about.
pub fn add_referrals(
    due: &mut Due,
    nodes: &[Node],
    referrals: &[super::casework::Referral],
    today: Date,
) {
    let by_id: std::collections::HashMap<&str, &Node> =
        nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut out: Vec<OpenReferral> = referrals
        .iter()
        .filter(|r| r.status == super::casework::ReferralStatus::Proposed)
        .filter_map(|r| {
            let resident = by_id.get(r.resident.as_str())?;
            if !resident.present_on(today) {
                return None;
            }
            let target = by_id.get(r.target.as_str())?;
            Some(OpenReferral {
                id: r.id.clone(),
                resident: r.resident.clone(),
                resident_name: resident.name.clone(),
                target: r.target.clone(),
                target_name: target.name.clone(),
                day: r.day,
                follow_up: r.follow_up,
                note: r.note.clone(),
                days: r.follow_up.map(|f| (today - f).get_days() as i64),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |r: &OpenReferral| (r.days.is_none(), std::cmp::Reverse(r.days), r.day);
        (key(a), &a.resident_name, &a.id).cmp(&(key(b), &b.resident_name, &b.id))
    });
    due.referrals = out;
}

impl Due {
    /// Whether no one is to be followed up.
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.this_week.is_empty()
            && self.not_contacted.is_empty()
            && self.referrals.is_empty()
    }
}

/// Who to follow up on `today`: the persons in the wijk that day with a follow-up day, and
/// with `months` set, those not contacted for longer than that many months. A person with
/// a follow-up day is not listed again as not contacted.
pub fn due(nodes: &[Node], today: Date, months: Option<u32>) -> Due {
    let persons = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Person && n.present_on(today));
    let days = |from: Date, to: Date| (to - from).get_days() as i64;
    let mut out = Due::default();
    for n in persons.clone() {
        let Some(day) = n.follow_up else { continue };
        let item = DueItem {
            id: n.id.clone(),
            name: n.name.clone(),
            day: Some(day),
            note: n.follow_up_note.clone(),
            days: days(day, today),
        };
        if day <= today {
            out.overdue.push(item);
        } else if item.days >= -7 {
            out.this_week.push(item);
        }
    }
    if let Some(months) = months.filter(|m| *m > 0) {
        let limit = months_before(today, months);
        // Someone with a follow-up day planned is in hand already.
        for n in persons.filter(|n| n.follow_up.is_none()) {
            let Some(last) = n.last_contact.filter(|d| *d < limit) else {
                continue;
            };
            out.not_contacted.push(DueItem {
                id: n.id.clone(),
                name: n.name.clone(),
                day: Some(last),
                note: n.follow_up_note.clone(),
                days: days(last, today),
            });
        }
    }
    let by = |a: &DueItem, b: &DueItem| (b.days, &a.name, &a.id).cmp(&(a.days, &b.name, &b.id));
    out.overdue.sort_by(by);
    out.this_week.sort_by(by);
    out.not_contacted.sort_by(by);
    out
}

/// A relation not confirmed for long ("nog actueel?"); its day is the last day it was
/// known to hold (its `confirmed`, else its `since`).
pub type StaleTie = super::NamedRelation;

/// How long a relation stays confirmed, in months, unless the makelaar says otherwise.
pub const STALE_MONTHS: u32 = 12;

/// The longest period in months a setting may have (a hundred years): more says the
/// same, and a calendar span cannot hold any number.
pub const MAX_MONTHS: u32 = 1200;

/// The day `months` (at most [`MAX_MONTHS`]) before `today`.
pub fn months_before(today: Date, months: u32) -> Date {
    today
        .checked_sub(jiff::Span::new().months(i64::from(months.min(MAX_MONTHS))))
        .unwrap_or(Date::MIN)
}

/// The last day `relation` was known to hold: its `confirmed`, else its `since`.
pub fn last_known(relation: &Relation) -> Option<Date> {
    relation.confirmed.or(relation.since)
}

/// Whether `relation` was last known to hold before `limit` (the stale period before
/// today, [`months_before`]); one whose day is not known at all is not stale.
pub fn is_stale(relation: &Relation, limit: Date) -> bool {
    last_known(relation).is_some_and(|d| d < limit)
}

/// The relations that hold on `today` but were last known to hold more than `months` ago:
/// the longest unconfirmed first. One whose day is not known at all is not listed.
pub fn stale(nodes: &[Node], relations: &[Relation], today: Date, months: u32) -> Vec<StaleTie> {
    let limit = months_before(today, months);
    let names: std::collections::HashMap<&str, &str> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
    let mut out: Vec<StaleTie> = super::relations_on(nodes, relations, today)
        .filter_map(|r| {
            let known = last_known(r).filter(|d| *d < limit)?;
            Some(StaleTie {
                id: r.id.clone(),
                source: r.source.clone(),
                source_name: name(&r.source),
                target: r.target.clone(),
                target_name: name(&r.target),
                kind: r.kind,
                day: Some(known),
            })
        })
        .collect();
    out.sort_by(|a, b| (a.day, &a.source_name, &a.id).cmp(&(b.day, &b.source_name, &b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;

    fn person(id: &str, follow_up: Option<&str>, last: Option<&str>) -> Node {
        let mut n = Node::new(NodeKind::Person, id.to_uppercase());
        n.id = id.into();
        n.follow_up = follow_up.map(|d| d.parse().unwrap());
        n.last_contact = last.map(|d| d.parse().unwrap());
        n
    }

    #[test]
    fn the_longest_overdue_first_then_this_week_then_who_was_not_called() {
        let today: Date = "2026-12-02".parse().unwrap();
        let mut gone = person("weg", Some("2026-11-01"), None);
        gone.until = Some("2026-11-15".parse().unwrap());
        let mut org = person("org", Some("2026-11-01"), None);
        org.kind = NodeKind::Organisation;
        let nodes = vec![
            person("fatima", Some("2026-11-30"), Some("2026-11-01")),
            person("bep", Some("2026-10-01"), None),
            person("ria", Some("2026-12-02"), None),
            person("anja", Some("2026-12-05"), None),
            person("cor", Some("2026-12-20"), None),
            person("dirk", None, Some("2026-01-10")),
            person("els", None, Some("2026-11-20")),
            person("frits", None, None),
            gone,
            org,
        ];
        let d = due(&nodes, today, Some(6));
        let ids = |items: &[DueItem]| items.iter().map(|i| i.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&d.overdue), ["bep", "fatima", "ria"]);
        assert_eq!(d.overdue[0].days, 62);
        assert_eq!(ids(&d.this_week), ["anja"]);
        assert_eq!(d.this_week[0].days, -3);
        // Dirk was last called in January; Els last month, Frits never (not hers).
        assert_eq!(ids(&d.not_contacted), ["dirk"]);
        assert!(due(&nodes, today, None).not_contacted.is_empty());
    }

    #[test]
    fn a_tie_known_only_from_long_ago_is_asked_about_the_oldest_first() {
        let today: Date = "2026-12-02".parse().unwrap();
        let nodes = vec![
            person("a", None, None),
            person("b", None, None),
            person("c", None, None),
        ];
        let tie = |id: &str, b: &str, confirmed: Option<&str>, since: Option<&str>| {
            let mut r = Relation::with_id(id, "a", b, RelationKind::Knows);
            r.confirmed = confirmed.map(|d| d.parse().unwrap());
            r.since = since.map(|d| d.parse().unwrap());
            r
        };
        let mut ended = tie("r4", "c", Some("2020-01-01"), None);
        ended.until = Some("2024-01-01".parse().unwrap());
        let relations = vec![
            tie("r1", "b", Some("2025-06-01"), None),
            tie("r2", "c", None, Some("2019-05-01")),
            tie("r3", "b", Some("2025-12-10"), Some("2010-01-01")),
            ended,
            tie("r5", "c", None, None),
        ];
        let ids: Vec<String> = stale(&nodes, &relations, today, 12)
            .into_iter()
            .map(|s| s.id.to_string())
            .collect();
        // r3 was confirmed within the year; r4 ended; r5's day is not known.
        assert_eq!(ids, ["r2", "r1"]);
    }
}
