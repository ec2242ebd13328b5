//! Casework over time: a resident's netwerkcirkel frozen on a day (a casus *moment*, made
//! by every casus export and by "Moment vastleggen"), and referrals (doorverwijzingen):
//! who was referred to what, when, by whom, and how it went.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Date, NodeId, Place, Relation, Scheme, Timestamp, UnknownKind};

/// How a moment was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MomentSource {
    /// By a casus export (the pack for a casusoverleg).
    Casus,
    /// By "Moment vastleggen" (or `wijkweb moment`).
    Recorded,
}

impl MomentSource {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Casus => "casus",
            Self::Recorded => "recorded",
        }
    }

    /// The stored name read back.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Casus, Self::Recorded]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One of her relations as it was at the moment, with the contact's place in the circle.
/// Only what a casusoverleg compares is kept: the ends, kind, strength, quality, support
/// and its direction (no notes, no dates: minimal data).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MomentTie {
    /// The relation as it was (its id, ends and ecogram fields).
    pub relation: Relation,
    /// The contact's place in the circle then.
    pub place: Place,
}

impl MomentTie {
    /// The other end: the contact.
    pub fn contact<'a>(&'a self, ego: &str) -> &'a NodeId {
        self.relation
            .other_end(ego)
            .unwrap_or(&self.relation.source)
    }
}

/// A resident's netwerkcirkel frozen on a day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moment {
    /// Its number in the wijk.
    pub id: i64,
    /// The resident.
    pub ego: NodeId,
    /// The day it describes.
    pub day: Date,
    /// When it was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub made_at: Option<Timestamp>,
    /// The scheme its places are in.
    pub scheme: Scheme,
    /// How it was made.
    pub source: MomentSource,
    /// Her relations then, each with the contact's place.
    pub ties: Vec<MomentTie>,
}

impl Moment {
    /// How many contacts she had then.
    pub fn contacts(&self) -> usize {
        let mut ids: Vec<&NodeId> = self.ties.iter().map(|t| t.contact(&self.ego)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// How a referral went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    /// Voorgesteld: proposed, no outcome yet.
    Proposed,
    /// Gestart: she went.
    Started,
    /// Gestopt: she did not go, or stopped.
    Stopped,
}

impl ReferralStatus {
    /// Every status, in the order of a report.
    pub const ALL: [Self; 3] = [Self::Proposed, Self::Started, Self::Stopped];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Started => "started",
            Self::Stopped => "stopped",
        }
    }

    /// The Dutch word.
    pub fn dutch(self) -> &'static str {
        match self {
            Self::Proposed => "voorgesteld",
            Self::Started => "gestart",
            Self::Stopped => "gestopt",
        }
    }
}

impl fmt::Display for ReferralStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReferralStatus {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let t = text.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == t || s.dutch() == t)
            .ok_or_else(|| UnknownKind {
                what: "referral status",
                given: text.to_owned(),
                expected: Self::ALL
                    .iter()
                    .map(|s| format!("{} ({})", s.as_str(), s.dutch()))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// How many days after a referral she is asked how it went, unless set.
pub const REFERRAL_FOLLOW_UP_DAYS: i64 = 28;

/// A referral (doorverwijzing): a resident referred to a person, organisation or
/// initiative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// Its id (a UUID).
    pub id: String,
    /// The resident referred.
    pub resident: NodeId,
    /// To whom or what.
    pub target: NodeId,
    /// The day of the referral.
    pub day: Date,
    /// Who referred her (the makelaar, as the audit log names her).
    pub by: String,
    /// How it went.
    pub status: ReferralStatus,
    /// The day the status was last set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_day: Option<Date>,
    /// When to ask how it went (four weeks on unless set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Date>,
    /// The theme it was for (taal, eenzaamheid...), for the yearly report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// A short note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Referral {
    /// A proposed referral made today by `by`, to be followed up four weeks on.
    pub fn new(resident: NodeId, target: NodeId, day: Date, by: &str) -> Self {
        Self {
            id: super::new_id(),
            resident,
            target,
            day,
            by: by.to_owned(),
            status: ReferralStatus::Proposed,
            status_day: Some(day),
            follow_up: day
                .checked_add(jiff::Span::new().days(REFERRAL_FOLLOW_UP_DAYS))
                .ok(),
            theme: None,
            note: None,
        }
    }
}

/// The theme a referral is for when none is given: the first of the resident's needs that
/// the target offers, else the target's first offer, else its first theme.
pub fn referral_theme(resident: &super::Node, target: &super::Node) -> Option<String> {
    resident
        .needs
        .iter()
        .find(|need| target.offers.iter().any(|o| o.eq_ignore_ascii_case(need)))
        .or_else(|| target.offers.first())
        .or_else(|| target.tags.first())
        .map(|t| t.to_lowercase())
}

/// The referrals of one theme in a period, by status (no names: for the yearly report).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReferralCount {
    /// The theme ("" when none was given).
    pub theme: String,
    /// Still without an outcome.
    pub proposed: usize,
    /// Started.
    pub started: usize,
    /// Stopped.
    pub stopped: usize,
    /// All of them.
    pub total: usize,
}

/// The referrals made from `from` to `until` (both included), counted by theme and status,
/// themes in alphabetical order and the ones without a theme last.
pub fn referral_counts(referrals: &[Referral], from: Date, until: Date) -> Vec<ReferralCount> {
    let mut by_theme: BTreeMap<(bool, String), ReferralCount> = BTreeMap::new();
    for r in referrals.iter().filter(|r| r.day >= from && r.day <= until) {
        let theme = r.theme.clone().unwrap_or_default();
        let count = by_theme
            .entry((theme.is_empty(), theme.clone()))
            .or_insert_with(|| ReferralCount {
                theme,
                ..Default::default()
            });
        match r.status {
            ReferralStatus::Proposed => count.proposed += 1,
            ReferralStatus::Started => count.started += 1,
            ReferralStatus::Stopped => count.stopped += 1,
        }
        count.total += 1;
    }
    by_theme.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn a_referral_is_followed_up_four_weeks_on_and_reads_its_status_in_dutch() {
        let r = Referral::new("fatima".into(), "taalcafe".into(), day("2026-03-02"), "ria");
        assert_eq!(r.follow_up, Some(day("2026-03-30")));
        assert_eq!(
            "Gestart".parse::<ReferralStatus>(),
            Ok(ReferralStatus::Started)
        );
        assert_eq!(
            "stopped".parse::<ReferralStatus>(),
            Ok(ReferralStatus::Stopped)
        );
        assert!("misschien".parse::<ReferralStatus>().is_err());
    }

    #[test]
    fn the_yearly_count_is_by_theme_and_status_within_the_period() {
        let mut list = Vec::new();
        for (d, theme, status) in [
            ("2025-12-31", Some("taal"), ReferralStatus::Started),
            ("2026-01-01", Some("taal"), ReferralStatus::Started),
            ("2026-02-01", Some("taal"), ReferralStatus::Stopped),
            ("2026-03-01", None, ReferralStatus::Proposed),
            ("2026-12-31", Some("eenzaamheid"), ReferralStatus::Started),
        ] {
            let mut r = Referral::new("a".into(), "b".into(), day(d), "ria");
            r.theme = theme.map(str::to_owned);
            r.status = status;
            list.push(r);
        }
        let counts = referral_counts(&list, day("2026-01-01"), day("2026-12-31"));
        let got: Vec<(&str, usize, usize, usize)> = counts
            .iter()
            .map(|c| (c.theme.as_str(), c.proposed, c.started, c.stopped))
            .collect();
        assert_eq!(
            got,
            [("eenzaamheid", 0, 1, 0), ("taal", 0, 1, 1), ("", 1, 0, 0)]
        );
        assert_eq!(counts.iter().map(|c| c.total).sum::<usize>(), 4);
    }
}
