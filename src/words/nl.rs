//! Nederlands.

use super::{CasusWords, ChangeWords, FollowUpWords, InzageWords, Language, SchemeWords, Words};
use crate::model::{ConsentStatus, LegalBasis, NodeKind, RelationKind};
use crate::privacy::ReviewReason;

fn kind(kind: RelationKind) -> &'static str {
    kind.dutch()
}

fn kind_inverse(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::MemberOf => "lid",
        RelationKind::WorksAt => "medewerker",
        RelationKind::VolunteersAt => "vrijwilliger",
        RelationKind::ParticipatesIn => "deelnemer",
        RelationKind::RefersTo => "verwezen door",
        RelationKind::Coordinates => "coördinator",
        RelationKind::ClientOf => "cliënt",
        RelationKind::CarerOf => "mantelzorger",
        other => other.dutch(),
    }
}

fn node_kind(kind: NodeKind) -> &'static str {
    kind.dutch()
}

fn basis(basis: LegalBasis) -> &'static str {
    basis.dutch()
}

fn consent(status: ConsentStatus) -> &'static str {
    match status {
        ConsentStatus::None => "geen",
        ConsentStatus::Verbal => "mondeling",
        ConsentStatus::Written => "schriftelijk",
    }
}

fn step(kind: RelationKind, forward: bool, a: &str, b: &str) -> String {
    match (kind, forward) {
        (RelationKind::Knows, _) => format!("{a} kent {b}"),
        (RelationKind::Family, _) => format!("{a} is familie van {b}"),
        (RelationKind::Neighbour, _) => format!("{a} is buur van {b}"),
        (RelationKind::Friend, _) => format!("{a} is bevriend met {b}"),
        (RelationKind::Buddy, _) => format!("{a} is maatje van {b}"),
        (RelationKind::PartnersWith, _) => format!("{a} werkt samen met {b}"),
        (RelationKind::MemberOf, true) => format!("{a} is lid van {b}"),
        (RelationKind::MemberOf, false) => format!("{a} heeft {b} als lid"),
        (RelationKind::WorksAt, true) => format!("{a} werkt bij {b}"),
        (RelationKind::WorksAt, false) => format!("bij {a} werkt {b}"),
        (RelationKind::VolunteersAt, true) => format!("{a} is vrijwilliger bij {b}"),
        (RelationKind::VolunteersAt, false) => format!("bij {a} is {b} vrijwilliger"),
        (RelationKind::ParticipatesIn, true) => format!("{a} doet mee aan {b}"),
        (RelationKind::ParticipatesIn, false) => format!("aan {a} doet {b} mee"),
        (RelationKind::RefersTo, true) => format!("{a} verwijst naar {b}"),
        (RelationKind::RefersTo, false) => format!("{a} krijgt verwijzingen van {b}"),
        (RelationKind::Coordinates, true) => format!("{a} coördineert {b}"),
        (RelationKind::Coordinates, false) => format!("{a} wordt gecoördineerd door {b}"),
        (RelationKind::ClientOf, true) => format!("{a} is cliënt van {b}"),
        (RelationKind::ClientOf, false) => format!("{a} heeft {b} als cliënt"),
        (RelationKind::CarerOf, true) => format!("{a} is mantelzorger van {b}"),
        (RelationKind::CarerOf, false) => format!("{a} krijgt mantelzorg van {b}"),
    }
}

fn review(reason: ReviewReason) -> String {
    let months = |m: u32| {
        if m == 1 {
            "1 maand".to_owned()
        } else {
            format!("{m} maanden")
        }
    };
    match reason {
        ReviewReason::Withdrawn(day) => format!(
            "toestemming ingetrokken op {day}: vergeet haar (wijkweb forget) of bewaar alleen wat een andere grondslag toestaat"
        ),
        ReviewReason::Expired(day) => {
            format!("toestemming verlopen op {day}: vernieuw haar of vergeet de persoon")
        }
        ReviewReason::NoLegalBasis => {
            "geen grondslag vastgelegd (wijkweb consent --basis)".to_owned()
        }
        ReviewReason::PastRetention { months: m, changed } => format!(
            "bewaartermijn van {} verstreken (laatst gewijzigd {changed}): vernieuw of vergeet",
            months(m)
        ),
        ReviewReason::EndedPastRetention { months: m, until } => format!(
            "relatie beëindigd op {until}, bewaartermijn van {} verstreken: verwijder haar",
            months(m)
        ),
        ReviewReason::MomentPastRetention { months: m, day } => format!(
            "casusmoment van {day}, bewaartermijn van {} verstreken: verwijder het (wijkweb moments --delete)",
            months(m)
        ),
    }
}

/// The Dutch table.
pub static WORDS: Words = Words {
    language: Language::Dutch,
    kind,
    kind_inverse,
    node_kind,
    strengths: ["zwak", "gewoon", "sterk"],
    basis,
    consent,
    step,
    step_separator: " · ",
    steps: ("{} stap", "{} stappen"),
    via_strong: "via sterke banden",
    via_normal: "via gewone banden",
    via_weak: "ook via een zwakke band",
    easiest: "Makkelijkste weg",
    way_title: "{}: {}",
    way_n: "Weg {}",
    no_way: "geen weg gevonden",
    kenner_order: "Op volgorde van hoeveel wegen tussen anderen via iemand lopen.",
    kenner_share: "{} op de 100 wegen tussen anderen lopen via {}",
    kenner_share_small: "minder dan 1 op de 100 wegen tussen anderen loopt via {}",
    kenner_share_none: "geen weg tussen anderen loopt via {}",
    kenner_groups: "verbindt {} groepen",
    kenner_knows: ("kent {} ander", "kent {} anderen"),
    shapes: "Vormen",
    colours_groups: "Kleuren: groepen",
    colours_theme: "Kleuren: thema",
    colours_kind: "Kleuren: soort",
    lines: "Lijnen",
    line_styles: ["sterk", "gewoon", "zwak (gestippeld)"],
    refers: "verwijst naar",
    group: "groep {}",
    other: "overige",
    no_theme: "geen thema",
    network_of: "Netwerk van {}",
    the_wijk: "de wijk",
    nodes_count: (
        "{} persoon, organisatie of initiatief",
        "{} personen, organisaties en initiatieven",
    ),
    relations_count: ("{} relatie", "{} relaties"),
    pseudonymised: "gepseudonimiseerd",
    sectors: [
        "familie",
        "vrienden en buren",
        "vrijwilligers en initiatieven",
        "professionals",
    ],
    review,
    inzage: InzageWords {
        title: "Inzage: alle gegevens over {} in wijkweb",
        made: "Gemaakt op {}",
        fields: "Gegevens",
        labels: [
            "naam", "soort", "rol", "wijk", "contact", "notities", "thema's", "aanbod", "vraag",
        ],
        stamps: "vastgelegd op: {}, laatst gewijzigd: {}",
        relations: "Relaties ({})",
        strength: "sterkte {}",
        since: "sinds {}",
        until: "tot {}",
        consent: "Toestemming en grondslag",
        nothing: "niets vastgelegd",
        consent_line: "{} door {}: grondslag {}, toestemming {}",
        purpose: ", doel: {}",
        share_with: ", delen met: {}",
        withdrawn: ", ingetrokken op {}",
        who: "Wie haar gegevens vastlegde of wijzigde",
        exports: "Exports waarin haar gegevens stonden",
        moments: "Momenten van haar netwerkcirkel",
        referrals: "Doorverwijzingen",
        none: "geen",
    },
    casus: CasusWords {
        lensink: SchemeWords {
            name: "netwerkcirkel van Lensink",
            sectors: [
                "familie",
                "medecliënten, werk en school",
                "samenleving",
                "professionals",
            ],
            rings: &["intimi", "vrienden", "bekenden", "diensten"],
        },
        pantucek: SchemeWords {
            name: "netwerkkaart van Pantuček",
            sectors: [
                "familie",
                "vrienden en kennissen",
                "collega's en school",
                "professionele hulp",
            ],
            rings: &["dichtbij", "midden", "ver"],
        },
        wijk: SchemeWords {
            name: "wijkcirkel",
            sectors: [
                "familie",
                "vrienden en buren",
                "vrijwilligers en initiatieven",
                "professionals",
            ],
            rings: &["sterk", "gewoon", "zwak"],
        },
        title: "Netwerkcirkel van {}",
        confidential: "Vertrouwelijk",
        date: "Datum: {}",
        drawn_by: "Opgesteld door: {}",
        organisation: "Organisatie: {}",
        purpose: "Doel van delen: {}",
        legal_basis: "Grondslag: {}",
        not_filled: "niet ingevuld",
        page: "pagina {} van {}",
        scheme: "Schema: {}",
        lines: "Lijnen",
        qualities: ["steunend", "neutraal", "belastend / conflict"],
        support: "Steun (op de lijn)",
        support_types: [
            "praktische steun",
            "gezelschap",
            "advies en informatie",
            "emotionele steun",
        ],
        arrow: "pijl: wie steunt wie",
        colours: "Kleur: kwadrant",
        betrokkenen: "Betrokkenen",
        informal: "Informeel netwerk",
        formal: "Formeel netwerk (professionals en diensten)",
        columns: [
            "Betrokkene",
            "Ring",
            "Kwadrant",
            "Relatie",
            "Aard",
            "Steun",
            "Contact",
        ],
        not_shared: "niet gedeeld",
        directions: ["bewoner steunt", "steunt bewoner", "wederzijds"],
        no_contacts: "geen directe contacten",
        resident: "bewoner",
        placed_note: "* geplaatst door de opsteller; de andere plaatsen zijn voorgesteld uit soort, sterkte en aard van de relatie.",
        changed_since: "Wat is veranderd sinds het moment van {}",
        change_marks: ["nieuw", "niet meer", "veranderd"],
        former_contact: "een eerdere contactpersoon",
        and_more: "… en nog {}",
    },
    changes: ChangeWords {
        title: "Wat is er veranderd van {} tot {}",
        nothing: "Niets veranderd.",
        added: "nieuw: {}",
        added_on: "nieuw sinds {}: {}",
        ended: "niet meer: {}",
        ended_on: "niet meer sinds {}: {}",
        changed: "{}: {}",
        fields: ["soort", "sterkte", "aard", "steun"],
        field_change: "{} van {} naar {}",
        node_added: "nieuw in de wijk: {}",
        node_gone: "weg uit de wijk: {}",
        kenner_gone: "kenner weg uit de wijk: {}",
    },
    follow_up: FollowUpWords {
        overdue: "Opvolgen: de dag is gekomen",
        this_week: "Deze week",
        not_contacted: "Al lang niet gesproken",
        nobody: "Niemand om op te volgen.",
        days_over: "{} ({} over tijd)",
        days_to_go: "{} (over {})",
        days: ("{} dag", "{} dagen"),
        today: "{} (vandaag)",
        last_contact: "{} (laatste contact {})",
        recorded: "Contact met {} vastgelegd op {}.",
        stale: "Nog actueel? (lang niet bevestigd)",
        stale_line: "{} (bevestigd {})",
        referrals: "Doorverwijzingen zonder uitkomst",
        referral_line: "{} naar {}, {}",
        statuses: ["voorgesteld", "gestart", "gestopt"],
        moment_line: "Moment van {} ({}, {} contacten)",
        moment_sources: ["casus-export", "vastgelegd"],
    },
};
