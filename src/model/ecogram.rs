//! What a relation means to the people in it, as the ecogram (sociale netwerkkaart) draws
//! it: its quality (steunend, neutraal, belastend), the kinds of support in it (P, G, A, E)
//! and who supports whom; and the netwerkcirkel's schemes and places, which the store keeps
//! per resident.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{UnknownKind, normalise_kind};

/// Whether a relation supports, is neutral to or burdens the people in it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    /// Steunend: drawn thick and solid.
    Supportive,
    /// Neutraal (the default): drawn thin.
    #[default]
    Neutral,
    /// Belastend or conflict: drawn as a red zigzag. Never a referral step unless the
    /// makelaar allows it.
    Burdening,
}

impl Quality {
    /// Every quality, in display order.
    pub const ALL: [Self; 3] = [Self::Supportive, Self::Neutral, Self::Burdening];

    /// The English name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supportive => "supportive",
            Self::Neutral => "neutral",
            Self::Burdening => "burdening",
        }
    }

    /// The Dutch word.
    pub fn dutch(self) -> &'static str {
        match self {
            Self::Supportive => "steunend",
            Self::Neutral => "neutraal",
            Self::Burdening => "belastend",
        }
    }

    /// Whether it is the default (neutral).
    pub fn is_neutral(&self) -> bool {
        *self == Self::Neutral
    }
}

impl fmt::Display for Quality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Quality {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // As the store writes it (every relation of a load): no folding, no allocation.
        match text {
            "supportive" => return Ok(Self::Supportive),
            "neutral" => return Ok(Self::Neutral),
            "burdening" => return Ok(Self::Burdening),
            _ => {}
        }
        match normalise_kind(text).as_str() {
            "supportive" | "steunend" | "positive" | "positief" | "+" => Ok(Self::Supportive),
            "" | "neutral" | "neutraal" | "0" => Ok(Self::Neutral),
            "burdening" | "belastend" | "conflict" | "negative" | "negatief" | "-" => {
                Ok(Self::Burdening)
            }
            _ => Err(UnknownKind {
                what: "quality",
                given: text.to_owned(),
                expected: "supportive (steunend), neutral (neutraal), burdening (belastend)".into(),
            }),
        }
    }
}

/// One kind of support, as the ecogram writes it on the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportType {
    /// P: praktische steun.
    Practical,
    /// G: gezelschap.
    Company,
    /// A: advies en informatie.
    Advice,
    /// E: emotionele steun.
    Emotional,
}

impl SupportType {
    /// Every type, in the order the letters are written (P, G, A, E).
    pub const ALL: [Self; 4] = [
        Self::Practical,
        Self::Company,
        Self::Advice,
        Self::Emotional,
    ];

    /// The English name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Practical => "practical",
            Self::Company => "company",
            Self::Advice => "advice",
            Self::Emotional => "emotional",
        }
    }

    /// The letter written on the line (the same in Dutch and English).
    pub fn letter(self) -> char {
        match self {
            Self::Practical => 'P',
            Self::Company => 'G',
            Self::Advice => 'A',
            Self::Emotional => 'E',
        }
    }

    /// The Dutch words.
    pub fn dutch(self) -> &'static str {
        match self {
            Self::Practical => "praktische steun",
            Self::Company => "gezelschap",
            Self::Advice => "advies en informatie",
            Self::Emotional => "emotionele steun",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl FromStr for SupportType {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let norm = normalise_kind(text);
        let found = match norm.as_str() {
            "p" | "practical" | "praktisch" | "praktische steun" | "praktische hulp" => {
                Some(Self::Practical)
            }
            "g" | "company" | "companionship" | "gezelschap" => Some(Self::Company),
            "a" | "advice" | "advies" | "informatie" | "advies en informatie" => Some(Self::Advice),
            "e" | "emotional" | "emotioneel" | "emotionele steun" => Some(Self::Emotional),
            _ => None,
        };
        found.ok_or_else(|| UnknownKind {
            what: "support type",
            given: text.to_owned(),
            expected: "practical (P), company (G), advice (A), emotional (E)".into(),
        })
    }
}

/// The set of support types in a relation; written in files as a list of names, in
/// P, G, A, E order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Support(u8);

impl Support {
    /// No support recorded.
    pub const NONE: Self = Self(0);

    /// Whether no type is recorded.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// Whether `t` is in the set.
    pub fn contains(self, t: SupportType) -> bool {
        self.0 & t.bit() != 0
    }

    /// Adds or removes `t`.
    pub fn set(&mut self, t: SupportType, on: bool) {
        if on {
            self.0 |= t.bit();
        } else {
            self.0 &= !t.bit();
        }
    }

    /// The types in the set, in P, G, A, E order.
    pub fn types(self) -> impl Iterator<Item = SupportType> {
        SupportType::ALL
            .into_iter()
            .filter(move |t| self.contains(*t))
    }

    /// The letters, e.g. "PE".
    pub fn letters(self) -> String {
        self.types().map(SupportType::letter).collect()
    }

    /// The names joined by `sep`, e.g. "practical|emotional".
    pub fn joined(self, sep: &str) -> String {
        self.types()
            .map(SupportType::as_str)
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Reads a list written as names or letters, separated by `|`, `,`, `;` or spaces, or
    /// letters run together ("PE"). Empty is no support.
    pub fn parse_list(text: &str) -> Result<Self, UnknownKind> {
        let mut support = Self::NONE;
        let trimmed = text.trim();
        // "PGAE", "pe": letters run together.
        if !trimmed.is_empty()
            && trimmed.len() <= 4
            && trimmed.chars().all(|c| "PGAEpgae".contains(c))
        {
            for c in trimmed.chars() {
                support.set(c.to_string().parse()?, true);
            }
            return Ok(support);
        }
        for part in trimmed
            .split(['|', ',', ';', '/', '+'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            support.set(part.parse()?, true);
        }
        Ok(support)
    }
}

impl FromIterator<SupportType> for Support {
    fn from_iter<I: IntoIterator<Item = SupportType>>(iter: I) -> Self {
        let mut support = Self::NONE;
        for t in iter {
            support.set(t, true);
        }
        support
    }
}

impl Serialize for Support {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.types())
    }
}

impl<'de> Deserialize<'de> for Support {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let types = Vec::<SupportType>::deserialize(deserializer)?;
        Ok(types.into_iter().collect())
    }
}

/// Who supports whom in a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportDirection {
    /// The source supports the target (arrow towards the target).
    ToTarget,
    /// The target supports the source.
    ToSource,
    /// Both support each other (arrows both ways).
    Mutual,
}

impl SupportDirection {
    /// Every direction, in display order.
    pub const ALL: [Self; 3] = [Self::ToTarget, Self::ToSource, Self::Mutual];

    /// The English name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToTarget => "to_target",
            Self::ToSource => "to_source",
            Self::Mutual => "mutual",
        }
    }

    /// The same direction seen from the other end.
    pub fn reversed(self) -> Self {
        match self {
            Self::ToTarget => Self::ToSource,
            Self::ToSource => Self::ToTarget,
            Self::Mutual => Self::Mutual,
        }
    }
}

impl FromStr for SupportDirection {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match normalise_kind(text).as_str() {
            "to target" | "naar doel" | ">" | "->" => Ok(Self::ToTarget),
            "to source" | "naar bron" | "<" | "<-" => Ok(Self::ToSource),
            "mutual" | "wederzijds" | "both" | "beide" | "<>" | "<->" => Ok(Self::Mutual),
            _ => Err(UnknownKind {
                what: "support direction",
                given: text.to_owned(),
                expected: "to_target, to_source, mutual (wederzijds)".into(),
            }),
        }
    }
}

/// Which netwerkcirkel to draw (the scheme's rules are in `layout::circle`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// The netwerkcirkel van Lensink (the default: what Dutch wijkteams know).
    #[default]
    Lensink,
    /// Pantuček's Netzwerkkarte.
    Pantucek,
    /// wijkweb's own wijk scheme.
    Wijk,
}

impl Scheme {
    /// Every scheme.
    pub const ALL: [Self; 3] = [Self::Lensink, Self::Pantucek, Self::Wijk];

    /// Its name on the command line and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lensink => "lensink",
            Self::Pantucek => "pantucek",
            Self::Wijk => "wijk",
        }
    }

    /// How many rings it has (Lensink four, the others three).
    pub fn rings(self) -> u8 {
        match self {
            Self::Lensink => 4,
            Self::Pantucek | Self::Wijk => 3,
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scheme {
    type Err = UnknownKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_lowercase().as_str() {
            "lensink" | "netwerkcirkel" => Ok(Self::Lensink),
            "pantucek" | "pantuček" | "netzwerkkarte" => Ok(Self::Pantucek),
            "wijk" | "wijkweb" => Ok(Self::Wijk),
            _ => Err(UnknownKind {
                what: "scheme",
                given: text.to_owned(),
                expected: "lensink, pantucek, wijk".into(),
            }),
        }
    }
}

/// The makelaar's place for one contact in one resident's circle under one scheme, as a
/// backup snapshot writes it: `{"ego","contact","scheme","sector","ring"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CirclePlace {
    /// The resident.
    pub ego: super::NodeId,
    /// The contact.
    pub contact: super::NodeId,
    /// The scheme.
    pub scheme: Scheme,
    /// Her place.
    #[serde(flatten)]
    pub place: Place,
}

/// A place in a circle: the sector (0-3, clockwise from the top left) and the ring (0 is
/// the innermost).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// The sector, 0-3.
    pub sector: u8,
    /// The ring, 0 to the scheme's rings - 1.
    pub ring: u8,
}

impl Place {
    /// A place, or `None` when it is outside `scheme`.
    pub fn new(scheme: Scheme, sector: i64, ring: i64) -> Option<Self> {
        ((0..4).contains(&sector) && (0..i64::from(scheme.rings())).contains(&ring)).then_some(
            Self {
                sector: sector as u8,
                ring: ring as u8,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_reads_names_letters_and_dutch() {
        let pe: Support = [SupportType::Practical, SupportType::Emotional]
            .into_iter()
            .collect();
        assert_eq!(Support::parse_list("practical|emotional").unwrap(), pe);
        assert_eq!(Support::parse_list("PE").unwrap(), pe);
        assert_eq!(Support::parse_list("P,E").unwrap(), pe);
        assert_eq!(
            Support::parse_list("emotionele steun; praktisch").unwrap(),
            pe
        );
        assert_eq!(Support::parse_list(" ").unwrap(), Support::NONE);
        assert_eq!(pe.letters(), "PE");
        assert_eq!(pe.joined("|"), "practical|emotional");
        assert!(Support::parse_list("geld").is_err());
        let json = serde_json::to_string(&pe).unwrap();
        assert_eq!(json, r#"["practical","emotional"]"#);
        assert_eq!(serde_json::from_str::<Support>(&json).unwrap(), pe);
    }

    #[test]
    fn quality_and_direction_read_dutch() {
        assert_eq!("belastend".parse::<Quality>().unwrap(), Quality::Burdening);
        assert_eq!("Steunend".parse::<Quality>().unwrap(), Quality::Supportive);
        assert!("boos".parse::<Quality>().is_err());
        assert_eq!(
            "wederzijds".parse::<SupportDirection>().unwrap(),
            SupportDirection::Mutual
        );
        assert_eq!(
            "to_source".parse::<SupportDirection>().unwrap(),
            SupportDirection::ToSource
        );
    }
}
