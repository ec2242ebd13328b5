//! English.

use super::{CasusWords, ChangeWords, FollowUpWords, InzageWords, Language, SchemeWords, Words};
use crate::model::{ConsentStatus, LegalBasis, NodeKind, RelationKind};
use crate::privacy::ReviewReason;

fn kind(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Knows => "knows",
        RelationKind::Family => "family",
        RelationKind::Neighbour => "neighbour",
        RelationKind::Friend => "friend",
        RelationKind::Buddy => "buddy",
        RelationKind::MemberOf => "member of",
        RelationKind::WorksAt => "works at",
        RelationKind::VolunteersAt => "volunteers at",
        RelationKind::ParticipatesIn => "takes part in",
        RelationKind::RefersTo => "refers to",
        RelationKind::PartnersWith => "works with",
        RelationKind::Coordinates => "coordinates",
        RelationKind::ClientOf => "client of",
        RelationKind::CarerOf => "carer of",
    }
}

fn kind_inverse(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::MemberOf => "member",
        RelationKind::WorksAt => "staff",
        RelationKind::VolunteersAt => "volunteer",
        RelationKind::ParticipatesIn => "participant",
        RelationKind::RefersTo => "referred by",
        RelationKind::Coordinates => "coordinator",
        RelationKind::ClientOf => "client",
        RelationKind::CarerOf => "carer",
        other => self::kind(other),
    }
}

fn node_kind(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "person",
        NodeKind::Organisation => "organisation",
        NodeKind::Initiative => "initiative",
    }
}

fn basis(basis: LegalBasis) -> &'static str {
    match basis {
        LegalBasis::Consent => "consent",
        LegalBasis::PublicTask => "public task",
        LegalBasis::LegalObligation => "legal obligation",
        LegalBasis::VitalInterest => "vital interest",
        LegalBasis::Contract => "contract",
        LegalBasis::LegitimateInterest => "legitimate interest",
    }
}

fn consent(status: ConsentStatus) -> &'static str {
    match status {
        ConsentStatus::None => "none",
        ConsentStatus::Verbal => "verbal",
        ConsentStatus::Written => "written",
    }
}

fn step(kind: RelationKind, forward: bool, a: &str, b: &str) -> String {
    match (kind, forward) {
        (RelationKind::Knows, _) => format!("{a} knows {b}"),
        (RelationKind::Family, _) => format!("{a} is family of {b}"),
        (RelationKind::Neighbour, _) => format!("{a} is a neighbour of {b}"),
        (RelationKind::Friend, _) => format!("{a} is friends with {b}"),
        (RelationKind::Buddy, _) => format!("{a} is a buddy of {b}"),
        (RelationKind::PartnersWith, _) => format!("{a} works with {b}"),
        (RelationKind::MemberOf, true) => format!("{a} is a member of {b}"),
        (RelationKind::MemberOf, false) => format!("{a} has {b} as a member"),
        (RelationKind::WorksAt, true) => format!("{a} works at {b}"),
        (RelationKind::WorksAt, false) => format!("{a} has {b} on its staff"),
        (RelationKind::VolunteersAt, true) => format!("{a} volunteers at {b}"),
        (RelationKind::VolunteersAt, false) => format!("{a} has {b} as a volunteer"),
        (RelationKind::ParticipatesIn, true) => format!("{a} takes part in {b}"),
        (RelationKind::ParticipatesIn, false) => format!("{a} has {b} taking part"),
        (RelationKind::RefersTo, true) => format!("{a} refers to {b}"),
        (RelationKind::RefersTo, false) => format!("{a} is referred to by {b}"),
        (RelationKind::Coordinates, true) => format!("{a} coordinates {b}"),
        (RelationKind::Coordinates, false) => format!("{a} is coordinated by {b}"),
        (RelationKind::ClientOf, true) => format!("{a} is a client of {b}"),
        (RelationKind::ClientOf, false) => format!("{a} has {b} as a client"),
        (RelationKind::CarerOf, true) => format!("{a} is a carer of {b}"),
        (RelationKind::CarerOf, false) => format!("{a} is cared for by {b}"),
    }
}

fn review(reason: ReviewReason) -> String {
    let months = |m: u32| {
        if m == 1 {
            "1 month".to_owned()
        } else {
            format!("{m} months")
        }
    };
    match reason {
        ReviewReason::Withdrawn(day) => format!(
            "consent withdrawn on {day}: forget her (wijkweb forget) or keep only what another legal basis allows"
        ),
        ReviewReason::Expired(day) => {
            format!("consent expired on {day}: renew it or forget the person")
        }
        ReviewReason::NoLegalBasis => {
            "no legal basis recorded (wijkweb consent --basis)".to_owned()
        }
        ReviewReason::PastRetention { months: m, changed } => format!(
            "retention period of {} passed (last changed {changed}): renew or forget",
            months(m)
        ),
        ReviewReason::EndedPastRetention { months: m, until } => format!(
            "relation ended on {until}, retention period of {} passed: delete it",
            months(m)
        ),
        ReviewReason::MomentPastRetention { months: m, day } => format!(
            "casus moment of {day}, retention period of {} passed: delete it (wijkweb moments --delete)",
            months(m)
        ),
    }
}

/// The English table.
pub static WORDS: Words = Words {
    language: Language::English,
    kind,
    kind_inverse,
    node_kind,
    strengths: ["weak", "normal", "strong"],
    basis,
    consent,
    step,
    step_separator: " · ",
    steps: ("{} step", "{} steps"),
    via_strong: "through strong ties",
    via_normal: "through normal ties",
    via_weak: "also through a weak tie",
    easiest: "Easiest way",
    way_title: "{}: {}",
    way_n: "Way {}",
    no_way: "no way found",
    kenner_order: "In order of how many routes between others run through someone.",
    kenner_share: "{} in 100 routes between others run through {}",
    kenner_share_small: "fewer than 1 in 100 routes between others run through {}",
    kenner_share_none: "no route between others runs through {}",
    kenner_groups: "joins {} groups",
    kenner_knows: ("knows {} other", "knows {} others"),
    shapes: "Shapes",
    colours_groups: "Colours: groups",
    colours_theme: "Colours: theme",
    colours_kind: "Colours: kind",
    lines: "Lines",
    line_styles: ["strong", "normal", "weak (dashed)"],
    refers: "refers to",
    group: "group {}",
    other: "other",
    no_theme: "no theme",
    network_of: "Network of {}",
    the_wijk: "the wijk",
    nodes_count: (
        "{} person, organisation or initiative",
        "{} persons, organisations and initiatives",
    ),
    relations_count: ("{} relation", "{} relations"),
    pseudonymised: "pseudonymised",
    sectors: [
        "family",
        "friends and neighbours",
        "volunteers and initiatives",
        "professionals",
    ],
    review,
    inzage: InzageWords {
        title: "Inzage (subject access): everything wijkweb holds about {}",
        made: "Made on {}",
        fields: "Data",
        labels: [
            "name", "kind", "role", "wijk", "contact", "notes", "themes", "offers", "needs",
        ],
        stamps: "recorded on: {}, last changed: {}",
        relations: "Relations ({})",
        strength: "strength {}",
        since: "since {}",
        until: "until {}",
        consent: "Consent and legal basis",
        nothing: "nothing recorded",
        consent_line: "{} by {}: legal basis {}, consent {}",
        purpose: ", purpose: {}",
        share_with: ", share with: {}",
        withdrawn: ", withdrawn on {}",
        who: "Who recorded or changed her data",
        exports: "Exports that held her data",
        moments: "Moments of her network circle",
        referrals: "Referrals",
        none: "none",
    },
    casus: CasusWords {
        lensink: SchemeWords {
            name: "Lensink network circle",
            sectors: [
                "family",
                "fellow clients, work and school",
                "community",
                "professionals",
            ],
            rings: &["intimates", "friends", "acquaintances", "services"],
        },
        pantucek: SchemeWords {
            name: "Pantuček network map",
            sectors: [
                "family",
                "friends and acquaintances",
                "colleagues and school",
                "professional help",
            ],
            rings: &["close", "middle", "far"],
        },
        wijk: SchemeWords {
            name: "wijk circle",
            sectors: [
                "family",
                "friends and neighbours",
                "volunteers and initiatives",
                "professionals",
            ],
            rings: &["strong", "normal", "weak"],
        },
        title: "Network circle of {}",
        confidential: "Confidential",
        date: "Date: {}",
        drawn_by: "Drawn up by: {}",
        organisation: "Organisation: {}",
        purpose: "Purpose of sharing: {}",
        legal_basis: "Legal basis: {}",
        not_filled: "not filled in",
        page: "page {} of {}",
        scheme: "Scheme: {}",
        lines: "Lines",
        qualities: ["supportive", "neutral", "burdening / conflict"],
        support: "Support (on the line)",
        support_types: [
            "practical help",
            "company",
            "advice and information",
            "emotional support",
        ],
        arrow: "arrow: who supports whom",
        colours: "Colour: quadrant",
        betrokkenen: "People involved",
        informal: "Informal network",
        formal: "Formal network (professionals and services)",
        columns: [
            "Person", "Ring", "Quadrant", "Relation", "Quality", "Support", "Contact",
        ],
        not_shared: "not shared",
        directions: ["resident supports", "supports resident", "mutual"],
        no_contacts: "no direct contacts",
        resident: "resident",
        placed_note: "* placed by the author; the other places are proposed from the relation's kind, strength and quality.",
        changed_since: "What changed since the moment of {}",
        change_marks: ["new", "no longer", "changed"],
        former_contact: "a former contact",
        and_more: "… and {} more",
    },
    changes: ChangeWords {
        title: "What changed from {} to {}",
        nothing: "Nothing changed.",
        added: "new: {}",
        added_on: "new since {}: {}",
        ended: "no longer: {}",
        ended_on: "no longer since {}: {}",
        changed: "{}: {}",
        fields: ["kind", "strength", "quality", "support"],
        field_change: "{} from {} to {}",
        node_added: "new in the wijk: {}",
        node_gone: "gone from the wijk: {}",
        kenner_gone: "kenner gone from the wijk: {}",
    },
    follow_up: FollowUpWords {
        overdue: "Follow up: the day has come",
        this_week: "This week",
        not_contacted: "Not spoken to for long",
        nobody: "No one to follow up.",
        days_over: "{} ({} overdue)",
        days_to_go: "{} (in {})",
        days: ("{} day", "{} days"),
        today: "{} (today)",
        last_contact: "{} (last contact {})",
        recorded: "Contact with {} recorded on {}.",
        stale: "Still so? (not confirmed for long)",
        stale_line: "{} (confirmed {})",
        referrals: "Referrals without an outcome",
        referral_line: "{} to {}, {}",
        statuses: ["proposed", "started", "stopped"],
        moment_line: "Moment of {} ({}, {} contacts)",
        moment_sources: ["casus export", "recorded"],
    },
};
