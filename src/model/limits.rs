//! The bounds of every field (DESIGN §2.4): what an import, an edit and a stored value may
//! hold. A field past its bound is refused with the field and the bound named, so that no
//! file can make a picture, a search or the map grow without end.

use super::{Node, Relation};

/// Longest id, in characters (UUIDs are 36; ids from other tools rarely pass 64).
pub const MAX_ID: usize = 200;
/// Longest name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest short text (wijk, role, contact, consent purpose, recorded by, shared with).
pub const MAX_SHORT: usize = 500;
/// Longest notes, in characters.
pub const MAX_NOTES: usize = 20_000;
/// Longest theme or tag, in characters.
pub const MAX_ITEM: usize = 200;
/// Most themes or tags in one list.
pub const MAX_ITEMS: usize = 100;
/// Largest distance of a stored position from the origin, per axis. The layout keeps a
/// 5,000-node wijk within a few thousand units; this leaves room for any hand-made file
/// while every square and sum of positions stays far from overflow.
pub const MAX_COORDINATE: f64 = 1.0e6;

/// Longest label drawn beside a node on a map or in a picture, in characters; a longer
/// name is cut with an ellipsis (the whole name stays in the details and the lists).
pub const MAX_LABEL: usize = 40;

/// `name` as a map or picture labels it: at most [`MAX_LABEL`] characters.
pub fn label(name: &str) -> std::borrow::Cow<'_, str> {
    if name.len() <= MAX_LABEL {
        return name.into();
    }
    match name.char_indices().nth(MAX_LABEL - 1) {
        Some((end, _)) if name[end..].chars().nth(1).is_some() => {
            format!("{}…", name[..end].trim_end()).into()
        }
        _ => name.into(),
    }
}

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitProblem {
    /// Longer than its bound (characters).
    TooLong {
        /// Its length in characters.
        length: usize,
        /// The bound.
        max: usize,
    },
    /// A list with more items than its bound.
    TooMany {
        /// How many.
        count: usize,
        /// The bound.
        max: usize,
    },
    /// A control character (a terminal escape, a NUL...) in a one-line field.
    ControlCharacter {
        /// The character's code point.
        code: u32,
    },
    /// A position past [`MAX_COORDINATE`] or not a finite number.
    Coordinate {
        /// The value, as Rust writes it.
        value: String,
    },
}

/// The first field of `node` past its bound: the field's name as files write it, and what
/// is wrong.
pub fn check_node(node: &Node) -> Option<(&'static str, LimitProblem)> {
    let line = |field: &'static str, text: &str, max: usize| {
        check_line(text, max).map(|problem| (field, problem))
    };
    let optional = |field: &'static str, text: &Option<String>, max: usize| {
        text.as_deref().and_then(|t| line(field, t, max))
    };
    let list = |field: &'static str, items: &[String]| {
        if items.len() > MAX_ITEMS {
            return Some((
                field,
                LimitProblem::TooMany {
                    count: items.len(),
                    max: MAX_ITEMS,
                },
            ));
        }
        items.iter().find_map(|item| line(field, item, MAX_ITEM))
    };
    let coordinate = |field: &'static str, value: Option<f64>| {
        value.filter(|v| !coordinate_ok(*v)).map(|value| {
            let value = value.to_string();
            (field, LimitProblem::Coordinate { value })
        })
    };
    line("id", &node.id, MAX_ID)
        .or_else(|| line("name", &node.name, MAX_NAME))
        .or_else(|| optional("wijk", &node.wijk, MAX_SHORT))
        .or_else(|| optional("role", &node.role, MAX_SHORT))
        .or_else(|| list("tags", &node.tags))
        .or_else(|| list("offers", &node.offers))
        .or_else(|| list("needs", &node.needs))
        .or_else(|| optional("contact", &node.contact, MAX_SHORT))
        .or_else(|| optional("until_reason", &node.until_reason, MAX_SHORT))
        .or_else(|| optional("follow_up_note", &node.follow_up_note, MAX_SHORT))
        .or_else(|| {
            node.notes
                .as_deref()
                .and_then(|t| check_notes(t).map(|p| ("notes", p)))
        })
        .or_else(|| {
            let consent = node.consent.as_ref()?;
            optional("consent.purpose", &consent.purpose, MAX_SHORT)
                .or_else(|| optional("consent.recorded_by", &consent.recorded_by, MAX_SHORT))
                .or_else(|| optional("consent.share_with", &consent.share_with, MAX_SHORT))
        })
        .or_else(|| coordinate("x", node.x))
        .or_else(|| coordinate("y", node.y))
}

/// The first field of `relation` past its bound.
pub fn check_relation(relation: &Relation) -> Option<(&'static str, LimitProblem)> {
    check_line(&relation.id, MAX_ID)
        .map(|p| ("id", p))
        .or_else(|| check_line(&relation.source, MAX_ID).map(|p| ("source", p)))
        .or_else(|| check_line(&relation.target, MAX_ID).map(|p| ("target", p)))
        .or_else(|| {
            relation
                .notes
                .as_deref()
                .and_then(|t| check_notes(t).map(|p| ("notes", p)))
        })
}

/// The most ties one casus moment holds (a resident's relations on one day).
pub const MAX_MOMENT_TIES: usize = 10_000;

/// An id past its bound, or with a character no id has.
pub fn check_id(id: &str) -> Option<LimitProblem> {
    check_line(id, MAX_ID)
}

/// The first field of `referral` past its bound.
pub fn check_referral(
    referral: &super::casework::Referral,
) -> Option<(&'static str, LimitProblem)> {
    check_line(&referral.id, MAX_ID)
        .map(|p| ("id", p))
        .or_else(|| check_line(&referral.resident, MAX_ID).map(|p| ("resident", p)))
        .or_else(|| check_line(&referral.target, MAX_ID).map(|p| ("target", p)))
        .or_else(|| check_line(&referral.by, MAX_SHORT).map(|p| ("by", p)))
        .or_else(|| {
            referral
                .theme
                .as_deref()
                .and_then(|t| check_line(t, MAX_ITEM).map(|p| ("theme", p)))
        })
        .or_else(|| {
            referral
                .note
                .as_deref()
                .and_then(|t| check_notes(t).map(|p| ("note", p)))
        })
}

/// Whether a stored position is usable: finite and within [`MAX_COORDINATE`].
pub fn coordinate_ok(value: f64) -> bool {
    value.is_finite() && value.abs() <= MAX_COORDINATE
}

/// A one-line text: at most `max` characters, no control characters, and none of the
/// invisible ones that reorder or hide text (a right-to-left override makes a name read
/// as another; a line separator breaks a line).
fn check_line(text: &str, max: usize) -> Option<LimitProblem> {
    too_long(text, max).or_else(|| {
        text.chars()
            .find(|&c| c.is_control() || is_invisible_format(c))
            .map(|c| LimitProblem::ControlCharacter { code: c as u32 })
    })
}

/// Zero-width, direction and line/paragraph separator characters.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `text` with every control character but line breaks and tabs, and every invisible
/// one of [`is_invisible_format`], written as `\u001b` (the way JSON writes them, so that
/// JSON output stays valid JSON with the same text): for a terminal, where a stored
/// escape sequence (from a file written before these bounds, or edited by hand) would
/// otherwise recolour, move or hide what is printed.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| (c.is_control() && !matches!(c, '\n' | '\t')) || is_invisible_format(c);
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            shown.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}

/// Notes: at most [`MAX_NOTES`] characters; lines and tabs, but no other control characters.
fn check_notes(text: &str) -> Option<LimitProblem> {
    too_long(text, MAX_NOTES).or_else(|| {
        text.chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .map(|c| LimitProblem::ControlCharacter { code: c as u32 })
    })
}

fn too_long(text: &str, max: usize) -> Option<LimitProblem> {
    // Bytes bound characters from above: most texts are decided without counting.
    if text.len() <= max {
        return None;
    }
    let length = text.chars().count();
    (length > max).then_some(LimitProblem::TooLong { length, max })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    #[test]
    fn a_long_name_is_cut_for_labels_only_past_the_bound() {
        assert_eq!(label("Anja"), "Anja");
        let exact = "é".repeat(MAX_LABEL);
        assert_eq!(label(&exact), exact);
        let long = "é".repeat(MAX_LABEL + 1);
        let cut = label(&long);
        assert_eq!(cut.chars().count(), MAX_LABEL);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn each_bound_is_named_by_its_field() {
        let mut node = Node::new(NodeKind::Person, "Anja");
        assert_eq!(check_node(&node), None);
        node.name = "é".repeat(MAX_NAME);
        assert_eq!(
            check_node(&node),
            None,
            "200 letters of two bytes each are fine"
        );
        node.name.push('e');
        assert_eq!(
            check_node(&node),
            Some((
                "name",
                LimitProblem::TooLong {
                    length: 201,
                    max: 200
                }
            ))
        );
        node.name = "Anja\u{1b}[2J".into();
        assert_eq!(
            check_node(&node),
            Some(("name", LimitProblem::ControlCharacter { code: 0x1b }))
        );
        node.name = "Anja".into();
        node.notes = Some("regel 1\nregel 2\tmet tab".into());
        assert_eq!(check_node(&node), None);
        node.needs = vec!["taal".into(); 101];
        assert!(matches!(
            check_node(&node),
            Some(("needs", LimitProblem::TooMany { count: 101, .. }))
        ));
        node.needs.clear();
        node.x = Some(1e308);
        assert!(matches!(
            check_node(&node),
            Some(("x", LimitProblem::Coordinate { .. }))
        ));
        node.x = Some(-MAX_COORDINATE);
        assert_eq!(check_node(&node), None);
    }
}
