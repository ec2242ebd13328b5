//! What an audit row records: the action, typed. The log stores it as the text it always
//! had (`add_node`, `undo:move_nodes`, `export`), so no migration is needed and an older
//! wijk reads the same; a text this build does not know (a newer version's) reads as
//! [`Action::Other`] and is kept as it was.

use std::borrow::Cow;
use std::fmt;

/// An edit a person can undo: one step in the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// A node was added.
    AddNode,
    /// A node's fields were changed.
    UpdateNode,
    /// A node (and her relations) was deleted.
    DeleteNode,
    /// A relation was added.
    AddRelation,
    /// A relation was changed.
    UpdateRelation,
    /// A relation was deleted.
    DeleteRelation,
    /// Nodes were moved (or pinned) on the map.
    MoveNodes,
    /// Contacts were put on a place in a resident's netwerkcirkel, or back on the proposed
    /// one (its rows: entity the resident, before and after a [`CircleMove`]).
    PlaceInCircle,
    /// A referral was made or its status set (its rows: entity the referral's id, before
    /// and after the referral, none before a new one).
    Refer,
}

/// One contact's place in a resident's circle, as a `place_in_circle` row logs it before
/// and after.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CircleMove {
    /// The contact.
    pub contact: crate::model::NodeId,
    /// The scheme.
    pub scheme: crate::model::Scheme,
    /// Her place; none: the proposed one.
    pub place: Option<crate::model::Place>,
}

impl CircleMove {
    /// Reads a logged move back; a place the scheme does not have (a tampered log) is
    /// none of it.
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        let contact = value.get("contact")?.as_str()?;
        let scheme: crate::model::Scheme = value.get("scheme")?.as_str()?.parse().ok()?;
        let place = match value.get("place") {
            None | Some(serde_json::Value::Null) => None,
            Some(p) => Some(crate::model::Place::new(
                scheme,
                p.get("sector")?.as_i64()?,
                p.get("ring")?.as_i64()?,
            )?),
        };
        Some(Self {
            contact: contact.into(),
            scheme,
            place,
        })
    }
}

impl Change {
    /// Every change, in the order of their stored names' first use.
    pub const ALL: [Self; 9] = [
        Self::AddNode,
        Self::UpdateNode,
        Self::DeleteNode,
        Self::AddRelation,
        Self::UpdateRelation,
        Self::DeleteRelation,
        Self::MoveNodes,
        Self::PlaceInCircle,
        Self::Refer,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AddNode => "add_node",
            Self::UpdateNode => "update_node",
            Self::DeleteNode => "delete_node",
            Self::AddRelation => "add_relation",
            Self::UpdateRelation => "update_relation",
            Self::DeleteRelation => "delete_relation",
            Self::MoveNodes => "move_nodes",
            Self::PlaceInCircle => "place_in_circle",
            Self::Refer => "refer",
        }
    }

    /// The change a stored name is, if it is one.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Whether it changes a node (its row before and after are nodes).
    pub fn is_node(self) -> bool {
        matches!(self, Self::AddNode | Self::UpdateNode | Self::DeleteNode)
    }

    /// Whether it changes a relation (its row before and after are relations).
    pub fn is_relation(self) -> bool {
        matches!(
            self,
            Self::AddRelation | Self::UpdateRelation | Self::DeleteRelation
        )
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an audit row records.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// An edit (stored as its change's name).
    Change(Change),
    /// An edit taken back (`undo:NAME`).
    Undo(Change),
    /// An edit done again (`redo:NAME`).
    Redo(Change),
    /// A person's consent was set (`consent`).
    Consent,
    /// The layout's places were saved (`save_layout`).
    SaveLayout,
    /// Files were imported (`import`).
    Import,
    /// An export was written (`export`); its details are an `ExportRecord`.
    Export,
    /// A person's inzage was written (`inzage`).
    Inzage,
    /// A person's sensitive fields were shown (`show_sensitive`).
    ShowSensitive,
    /// A person was erased (`forget`).
    Forget,
    /// An erasure was carried out in a copy of the wijk (`forget_in_copy`).
    ForgetInCopy,
    /// The retention periods were set (`retention`).
    Retention,
    /// The wijk was encrypted (`encrypt`).
    Encrypt,
    /// Its passphrase was changed (`rekey`).
    Rekey,
    /// A plain copy was written (`decrypt`).
    Decrypt,
    /// A damaged schema object was put back at open (`schema_repaired`).
    SchemaRepaired,
    /// A resident's netwerkcirkel was frozen as a moment (`moment`).
    Moment,
    /// A moment was removed (`delete_moment`).
    DeleteMoment,
    /// A text this build does not know, kept as it was.
    Other(String),
}

impl Action {
    /// The actions stored under a fixed name (all but changes, undo, redo and others).
    const NAMED: [(Self, &'static str); 15] = [
        (Self::Consent, "consent"),
        (Self::SaveLayout, "save_layout"),
        (Self::Import, "import"),
        (Self::Export, "export"),
        (Self::Inzage, "inzage"),
        (Self::ShowSensitive, "show_sensitive"),
        (Self::Forget, "forget"),
        (Self::ForgetInCopy, "forget_in_copy"),
        (Self::Retention, "retention"),
        (Self::Encrypt, "encrypt"),
        (Self::Rekey, "rekey"),
        (Self::Decrypt, "decrypt"),
        (Self::SchemaRepaired, "schema_repaired"),
        (Self::Moment, "moment"),
        (Self::DeleteMoment, "delete_moment"),
    ];

    /// The text the log stores.
    pub fn stored(&self) -> Cow<'static, str> {
        match self {
            Self::Change(change) => Cow::Borrowed(change.as_str()),
            Self::Undo(change) => Cow::Owned(format!("undo:{change}")),
            Self::Redo(change) => Cow::Owned(format!("redo:{change}")),
            Self::Other(text) => Cow::Owned(text.clone()),
            named => Cow::Borrowed(
                Self::NAMED
                    .iter()
                    .find(|(action, _)| action == named)
                    .map_or("", |(_, name)| name),
            ),
        }
    }

    /// The action a stored text is; never fails (an unknown text is [`Action::Other`]).
    pub fn parse(text: &str) -> Self {
        if let Some(change) = Change::parse(text) {
            return Self::Change(change);
        }
        let prefixed = |prefix: &str| text.strip_prefix(prefix).and_then(Change::parse);
        if let Some(change) = prefixed("undo:") {
            return Self::Undo(change);
        }
        if let Some(change) = prefixed("redo:") {
            return Self::Redo(change);
        }
        Self::NAMED
            .iter()
            .find(|(_, name)| *name == text)
            .map_or_else(
                || Self::Other(text.to_owned()),
                |(action, _)| action.clone(),
            )
    }

    /// The edit it makes, takes back or does again, if it is one.
    pub fn change(&self) -> Option<Change> {
        match self {
            Self::Change(change) | Self::Undo(change) | Self::Redo(change) => Some(*change),
            _ => None,
        }
    }

    /// Whether it is an erasure, in the wijk or in one of its copies.
    pub fn is_erasure(&self) -> bool {
        matches!(self, Self::Forget | Self::ForgetInCopy)
    }
}

impl From<Change> for Action {
    fn from(change: Change) -> Self {
        Self::Change(change)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stored())
    }
}

impl PartialEq<str> for Action {
    fn eq(&self, other: &str) -> bool {
        self.stored() == other
    }
}

impl PartialEq<&str> for Action {
    fn eq(&self, other: &&str) -> bool {
        self.stored() == *other
    }
}

impl PartialEq<&str> for Change {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.stored())
    }
}

impl serde::Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_name_reads_back_as_the_same_action() {
        let mut actions: Vec<Action> = Action::NAMED.iter().map(|(a, _)| a.clone()).collect();
        for change in Change::ALL {
            actions.extend([
                Action::Change(change),
                Action::Undo(change),
                Action::Redo(change),
            ]);
        }
        for action in actions {
            let stored = action.stored();
            assert!(!stored.is_empty(), "{action:?} has no stored name");
            assert_eq!(Action::parse(&stored), action, "{stored}");
        }
        assert_eq!(Action::Undo(Change::MoveNodes).stored(), "undo:move_nodes");
    }

    #[test]
    fn a_text_of_a_newer_version_is_kept_as_it_was() {
        let action = Action::parse("merge_nodes");
        assert_eq!(action, Action::Other("merge_nodes".into()));
        assert_eq!(action.stored(), "merge_nodes");
        assert_eq!(
            Action::parse("undo:merge_nodes").stored(),
            "undo:merge_nodes"
        );
        assert_eq!(Action::parse("undo:merge_nodes").change(), None);
    }
}
