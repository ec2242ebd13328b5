//! Finding nodes by name, role or theme as a person types.
//!
//! Letters with diacritics and special forms are folded to their base letters on both
//! sides (`deunicode`: "Şahin", "Ørsted", "Straße", "Ĳsbrand" are found as "sahin",
//! "orsted", "strasse", "ijsbrand"). Ranking is strict, in tiers, so that what people mean
//! first comes first and a scattered match never lists a stranger: the whole name, then a
//! name starting with the query, then every word typed starting a word of the name, then
//! the name containing it, then a role, wijk or theme; only after those a forgiving match
//! of the name (letters in order with small gaps, by nucleo-matcher, the matcher of the
//! helix editor, or one typo in a word), and last the same of a role or theme. A forgiving
//! match must stay compact: its letters may not be spread over the whole text, which is
//! how "henk" once found "Mohamed Amrani" through his role and themes.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::Node;

/// Folds `text` for searching: base letters only (every Latin letter with a diacritic or a
/// special form becomes its ASCII letters), lowercase, runs of spaces and punctuation as
/// one space.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// How well a node matches, best first (the tiers of the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    OtherForgiving,
    NameForgiving,
    Other,
    NameContains,
    NameWords,
    NamePrefix,
    NameExact,
}

/// One node's folded texts.
struct Entry {
    name: String,
    /// Role, wijk and themes, each folded.
    others: Vec<String>,
}

/// A search over a fixed list of nodes.
pub struct Finder {
    matcher: Matcher,
    entries: Vec<Entry>,
    names: Vec<String>,
}

/// Whether every word of `query` starts a word of `text` (each word of `text` used once,
/// in any order).
fn words_start(text: &str, query: &str) -> bool {
    let mut words: Vec<&str> = text.split(' ').collect();
    query
        .split(' ')
        .all(|q| match words.iter().position(|w| w.starts_with(q)) {
            Some(at) => {
                words.remove(at);
                true
            }
            None => false,
        })
}

/// Whether `text` starts with `query` or has a word that does.
fn starts_somewhere(text: &str, query: &str) -> bool {
    text.starts_with(query) || words_start(text, query)
}

/// The allowed spread of a forgiving match of `n` letters: a gap of about one letter in
/// three ("ftma" in "fatima"), never a scatter over a whole line.
fn max_span(n: usize) -> usize {
    n + n.div_ceil(2)
}

/// Whether every word of `query` (of four letters or more) is one edit away from a word
/// of `text`, or starts one: a single typo ("fatmia", "bakkr").
fn one_typo(text: &str, query: &str) -> bool {
    query.split(' ').all(|q| {
        text.split(' ').any(|w| {
            w.starts_with(q)
                || (q.len() >= 4
                    && (strsim::damerau_levenshtein(w, q) <= 1
                        || (w.len() > q.len()
                            && strsim::damerau_levenshtein(&w[..q.len()], q) <= 1)))
        })
    })
}

impl Finder {
    /// A finder over `nodes` (indexes in the results are positions in this slice).
    pub fn new(nodes: &[Node]) -> Self {
        let mut config = Config::DEFAULT;
        config.ignore_case = true;
        config.prefer_prefix = true;
        Self {
            matcher: Matcher::new(config),
            entries: nodes
                .iter()
                .map(|n| Entry {
                    name: fold(&n.name),
                    others: n
                        .role
                        .iter()
                        .chain(&n.wijk)
                        .chain(&n.tags)
                        .chain(&n.offers)
                        .map(|t| fold(t))
                        .filter(|t| !t.is_empty())
                        .collect(),
                })
                .collect(),
            names: nodes.iter().map(|n| n.name.clone()).collect(),
        }
    }

    /// A forgiving match of every word of the query in `text`: the sum of their scores,
    /// when each word's letters lie close together.
    fn forgiving(
        matcher: &mut Matcher,
        words: &[(Pattern, usize)],
        text: &str,
        buf: &mut Vec<char>,
        indices: &mut Vec<u32>,
    ) -> Option<u32> {
        let mut total = 0;
        for (pattern, letters) in words {
            indices.clear();
            total += pattern.indices(Utf32Str::new(text, buf), matcher, indices)?;
            let first = indices.iter().min()?;
            let last = indices.iter().max()?;
            if (last - first + 1) as usize > max_span(*letters) {
                return None;
            }
        }
        Some(total)
    }

    /// The best matches for `query`, best first (ties by name), at most `limit`.
    pub fn find(&mut self, query: &str, limit: usize) -> Vec<usize> {
        let query = fold(query);
        if query.is_empty() {
            return Vec::new();
        }
        let words: Vec<(Pattern, usize)> = query
            .split(' ')
            .map(|w| {
                let pattern = Pattern::parse(w, CaseMatching::Ignore, Normalization::Never);
                (pattern, w.len())
            })
            .collect();
        let mut buf = Vec::new();
        let mut indices = Vec::new();
        let mut hits: Vec<(Tier, u32, usize)> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let name = entry.name.as_str();
            let tier = if name == query {
                Some(Tier::NameExact)
            } else if name.starts_with(&query) {
                Some(Tier::NamePrefix)
            } else if words_start(name, &query) {
                Some(Tier::NameWords)
            } else if name.contains(&query) {
                Some(Tier::NameContains)
            } else if entry.others.iter().any(|o| starts_somewhere(o, &query)) {
                Some(Tier::Other)
            } else {
                None
            };
            if let Some(tier) = tier {
                hits.push((tier, 0, i));
                continue;
            }
            let m = &mut self.matcher;
            if let Some(score) = Self::forgiving(m, &words, name, &mut buf, &mut indices) {
                hits.push((Tier::NameForgiving, score, i));
            } else if one_typo(name, &query) {
                hits.push((Tier::NameForgiving, 0, i));
            } else if let Some(score) = entry
                .others
                .iter()
                .find_map(|o| Self::forgiving(m, &words, o, &mut buf, &mut indices))
            {
                hits.push((Tier::OtherForgiving, score, i));
            }
        }
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then_with(|| self.names[a.2].cmp(&self.names[b.2]))
        });
        hits.into_iter().take(limit).map(|(.., i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    fn person(name: &str, role: &str, tags: &[&str]) -> Node {
        let mut n = Node::new(NodeKind::Person, name);
        n.role = Some(role.into());
        n.tags = tags.iter().map(|t| (*t).into()).collect();
        n
    }

    fn nodes() -> Vec<Node> {
        let mut jose = Node::new(NodeKind::Person, "José Álvarez");
        jose.role = Some("vrijwilliger".into());
        let mut taal = Node::new(NodeKind::Initiative, "Taalcafé De Brug");
        taal.offers = vec!["taal".into()];
        let mut fatima = Node::new(NodeKind::Person, "Fatima El Amrani");
        fatima.tags = vec!["eenzaamheid".into()];
        vec![jose, taal, fatima]
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let mut finder = Finder::new(&nodes());
        assert_eq!(finder.find("jose alvarez", 5), vec![0]);
        assert_eq!(finder.find("TAALCAFE", 5), vec![1]);
    }

    #[test]
    fn search_finds_by_role_and_theme_and_allows_gaps() {
        let mut finder = Finder::new(&nodes());
        assert_eq!(finder.find("vrijwilliger", 5), vec![0]);
        assert_eq!(finder.find("eenzaam", 5), vec![2]);
        assert_eq!(finder.find("ftma", 5), vec![2]);
        assert_eq!(finder.find("fatmia", 5), vec![2], "one typo");
        assert!(finder.find("xyzzy", 5).is_empty());
        assert!(finder.find("  ", 5).is_empty());
    }

    #[test]
    fn tineke_sahin_is_found_for_tineke_şahin_and_every_latin_letter_folds() {
        let nodes = vec![
            person("Tineke Şahin", "buurtbewoner", &[]),
            person("Ørsted Ĳsbrand", "vrijwilliger", &[]),
            person("Łucja Straße", "buurtbewoner", &[]),
        ];
        let mut finder = Finder::new(&nodes);
        assert_eq!(finder.find("tineke sahin", 5), vec![0]);
        assert_eq!(finder.find("Sahin", 5), vec![0]);
        assert_eq!(finder.find("orsted ijsbrand", 5), vec![1]);
        assert_eq!(finder.find("lucja strasse", 5), vec![2]);
        for (typed, folded) in [
            ("ş", "s"),
            ("ğ", "g"),
            ("ı", "i"),
            ("İ", "i"),
            ("ł", "l"),
            ("ø", "o"),
            ("æ", "ae"),
            ("œ", "oe"),
            ("ß", "ss"),
            ("ĳ", "ij"),
        ] {
            assert_eq!(fold(typed), folded, "{typed}");
        }
        // Latin Extended-A, every letter: base letters only.
        for c in '\u{0100}'..='\u{017F}' {
            let f = fold(&c.to_string());
            assert!(
                !f.is_empty() && f.chars().all(|l| l.is_ascii_lowercase()),
                "{c} folds to {f:?}"
            );
        }
    }

    #[test]
    fn henk_does_not_list_mohamed_amrani_and_a_name_comes_before_a_role() {
        let nodes = vec![
            person(
                "Mohamed Amrani",
                "hulp bij koken",
                &["wonen", "eenzaamheid"],
            ),
            person("Henk de Boer", "buurtbewoner", &[]),
            person("Anja Henkes", "vrijwilliger", &[]),
            person("Piet Jansen", "henkie-coach", &[]),
            person("Fenna Kuipers", "buurtbewoner", &[]),
        ];
        let mut finder = Finder::new(&nodes);
        let found = finder.find("henk", 10);
        assert_eq!(
            found,
            vec![1, 2, 3],
            "prefix of a name, then a later name word, then a role"
        );
        assert!(!found.contains(&0));
        assert!(!finder.find("henk de boer", 10).contains(&0));
        assert_eq!(finder.find("henk de boer", 10)[0], 1);
    }
}
