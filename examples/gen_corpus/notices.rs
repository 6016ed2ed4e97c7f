//! Operations notices (SPEC §4.4) and the personal-data list (SPEC §4.5), written only
//! with `--notices`. The flag is off by default so that the default corpus, and the
//! numbers measured on it, stay the same as before infoportal read these files (issue 4).

use std::fmt::Write as _;

use crate::pages::{self, Front, Kind, Page};
use crate::plan::Plan;
use crate::rng::Rng;
use crate::words::{self, sentence};

const COMPONENTS: &[&str] = &["fragetjanst", "certifikat", "loggning", "svarsrouting"];

/// Notice `i`: the first three are ongoing, upcoming and ended at the benchmark's
/// `--now` (2026-11-26), the rest spread over 2025–2027.
pub(crate) fn notice(plan: &Plan, i: usize) -> Page {
    let mut rng = Rng::stream(plan.seed, 5, i as u64);
    let (kind, label) = match i % 3 {
        0 => ("planerat-underhall", "Planerat underhåll"),
        1 => ("storning", "Störning"),
        _ => ("information", "Information"),
    };
    let (year, month, day) = match i {
        0 => (2026, 11, 25),
        1 => (2026, 12, 10),
        2 => (2026, 3, 4),
        _ => (2025 + rng.below(3), rng.range(1, 12), rng.range(1, 28)),
    };
    // Swedish local time: +01:00 in winter, +02:00 in summer (the exact switch days
    // do not matter, an offset is all RFC 3339 asks for).
    let offset = if (4..=10).contains(&month) { 2 } else { 1 };
    let time = |d: usize, h: usize| format!("{year}-{month:02}-{d:02}T{h:02}:00:00+0{offset}:00");
    let start = time(day, 8);
    let end = if i == 0 {
        time(day + 2, 18)
    } else {
        time(day, 18)
    };
    let component = rng.pick(COMPONENTS);
    let mut front = Front::default()
        .text("title", format!("{label}: {component}"))
        .plain("kind", kind)
        .plain("start", &start)
        .plain("end", &end)
        .list("environments", vec!["produktion".into(), "test".into()])
        .list("components", vec![component.to_string()]);
    if kind == "storning" && i != 0 {
        front = front.plain("resolved", &end);
    }
    let section = rng.pick(&plan.sections);
    let guide = rng.pick(&section.guides);
    let mut body = format!(
        "{}\n\n## Påverkan {{#paverkan}}\n\n{} Se [{}](../{}/{}.md).\n\n",
        sentence(&mut rng, 14),
        sentence(&mut rng, 12),
        guide.title,
        section.slug,
        guide.slug,
    );
    let used = body.len() + front.to_yaml(|k| k).len();
    body.push_str(&pad(&mut rng, pages::MEAN_PAGE_BYTES.saturating_sub(used)));
    Page {
        rel_path: format!("content/driftinformation/{year}-{month:02}-{day:02}-{i:04}.md"),
        kind: Kind::Content,
        front,
        body,
    }
}

pub(crate) fn notices_index(plan: &Plan) -> Page {
    let mut rng = Rng::stream(plan.seed, 5, u64::MAX);
    Page {
        rel_path: "content/driftinformation/_index.md".into(),
        kind: Kind::Content,
        front: Front::default().text("title", "Driftinformation").text(
            "description",
            "Planerat underhåll, störningar och information.",
        ),
        body: pad(&mut rng, pages::MEAN_PAGE_BYTES - 200),
    }
}

fn pad(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::new();
    words::filler(&mut out, rng, bytes, &[]);
    out.push('\n');
    out
}

/// The data providers and the types of data each supplies, as YAML.
pub(crate) fn data_list(plan: &Plan) -> String {
    let mut rng = Rng::stream(plan.seed, 6, 0);
    let providers = [
        ("forsakringskassan", "Försäkringskassan", "2021005521"),
        ("pensionsmyndigheten", "Pensionsmyndigheten", "2021004284"),
        ("csn", "Centrala studiestödsnämnden", "2021003385"),
        ("arbetsformedlingen", "Arbetsförmedlingen", "2021002114"),
        ("skatteverket", "Skatteverket", "2021005448"),
    ];
    // Each data type comes from one provider: ids are unique across the whole list.
    let types = [
        "Bostadsbidrag",
        "Barnbidrag",
        "Sjukpenning",
        "Föräldrapenning",
        "Underhållsstöd",
        "Aktivitetsstöd",
        "Allmän pension",
        "Bostadstillägg",
        "Efterlevandeförmåner",
        "Studiemedel",
        "Studiehjälp",
        "Studiestartsstöd",
        "Inskrivning som arbetssökande",
        "Aktivitetsrapport",
        "Beskattningsuppgifter",
    ];
    let mut out = String::from("providers:\n");
    for (p, (id, name, digits)) in providers.into_iter().enumerate() {
        let org = org_number(&digits[..9]);
        let _ = write!(
            out,
            "  - id: {id}\n    name: {name}\n    org_number: \"{org}\"\n    data_types:\n"
        );
        for t in &types[p * 3..p * 3 + 3] {
            let _ = write!(
                out,
                "      - id: {}\n        name: {t}\n        description: \"{}\"\n        since: {}-0{}-01\n",
                words::slugify(t),
                sentence(&mut rng, 9),
                2014 + rng.below(8),
                rng.range(1, 9)
            );
        }
    }
    out
}

/// `NNNNNN-NNNN` with the Luhn check digit that Swedish organisation numbers carry.
fn org_number(first9: &str) -> String {
    let sum: u32 = first9
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let p = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("{}-{}{check}", &first9[..6], &first9[6..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn org_numbers_of_real_agencies() {
        assert_eq!(super::org_number("202100552"), "202100-5521");
        assert_eq!(super::org_number("222000031"), "222000-0315");
    }
}
