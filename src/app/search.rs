//! Finding nodes by name, role or theme as a person types: fuzzy (letters in order, gaps
//! allowed) and accent-insensitive ("jose" finds "José"), by nucleo-matcher, the matcher
//! of the helix editor.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::Node;

/// The text a node is found by: name, role, wijk and themes.
pub fn haystack(node: &Node) -> String {
    let mut text = node.name.clone();
    for part in node.role.iter().chain(&node.wijk) {
        text.push(' ');
        text.push_str(part);
    }
    for theme in node.tags.iter().chain(&node.offers) {
        text.push(' ');
        text.push_str(theme);
    }
    text
}

/// A search over a fixed list of nodes.
pub struct Finder {
    matcher: Matcher,
    haystacks: Vec<String>,
    names: Vec<String>,
}

impl Finder {
    /// A finder over `nodes` (indexes in the results are positions in this slice).
    pub fn new(nodes: &[Node]) -> Self {
        let mut config = Config::DEFAULT;
        config.normalize = true;
        config.ignore_case = true;
        config.prefer_prefix = true;
        Self {
            matcher: Matcher::new(config),
            haystacks: nodes.iter().map(haystack).collect(),
            names: nodes.iter().map(|n| n.name.clone()).collect(),
        }
    }

    /// The best matches for `query`, best first (ties by name), at most `limit`.
    pub fn find(&mut self, query: &str, limit: usize) -> Vec<usize> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let mut hits: Vec<(u32, usize)> = Vec::new();
        for (i, text) in self.haystacks.iter().enumerate() {
            // The name counts double: a match there is what people mean first.
            let in_name = pattern.score(Utf32Str::new(&self.names[i], &mut buf), &mut self.matcher);
            let anywhere = pattern.score(Utf32Str::new(text, &mut buf), &mut self.matcher);
            if let Some(score) = anywhere.map(|s| s + in_name.unwrap_or(0)) {
                hits.push((score, i));
            }
        }
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| self.names[a.1].cmp(&self.names[b.1]))
        });
        hits.into_iter().take(limit).map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

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
        assert!(finder.find("xyzzy", 5).is_empty());
        assert!(finder.find("  ", 5).is_empty());
    }
}
