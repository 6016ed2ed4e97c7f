//! Fixed Swedish-looking vocabulary and the filler text built from it.
//!
//! The words are ordinary Swedish from the domain, chosen so that generated text never
//! contains anything the generator interprets: no "punkt"/"punkten" (section references),
//! no document titles, no Markdown punctuation. References, mentions and links are added
//! deliberately by the page builders, so every one of them is valid.

use std::sync::LazyLock;

use crate::rng::Rng;

const WORD_TEXT: &str = "\
    och att som för med den det till av på om inom efter enligt under vid mellan genom utan \
    samt eller varje alla andra ska kan får bör har är blir gäller anger lämnar hämtar \
    prövar beslutar ansvarar meddelar rapporterar dokumenterar hanterar ansluter uppdaterar \
    kontrollerar publicerar förvaltar tjänsten kommunen socialnämnden myndigheten \
    uppgifterna ärendet beslutet ansökan handläggaren verksamheten förändringen driften \
    systemet anslutningen leverantören miljön testmiljön produktionsmiljön certifikatet \
    frågan svaret loggen behörigheten versionen uppdraget rutinen kontaktpersonen samverkan \
    informationen säkerheten tillgängligheten kvalitet ekonomiskt bistånd försörjningsstöd \
    personuppgifter skriftligen snarast löpande årligen månadsvis normalt särskilt tekniska \
    rättsliga gemensamma nödvändiga aktuella behöriga berörda nya senaste tidigare planerade \
    elektroniska säkra tydliga fullständiga korrekta rimliga skäliga dagar veckor timmar \
    arbetsdagar perioden tidpunkten underlag rapport begäran ändring avvikelse incident \
    åtgärd störning underhåll uppföljning granskning återkoppling kontakt stöd krav villkor \
    ansvar ersättning kostnad avgift uppsägning förlängning överenskommelse part parten \
    parterna även dock därefter därmed således vidare också endast minst högst senast \
    tidigast helt delvis direkt själv";

/// The vocabulary of the filler text, split once.
pub(crate) static WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| WORD_TEXT.split_whitespace().collect());

/// Defined terms of the shared "Definitioner" document (capitalised, as in the agreements).
pub(crate) const CORE_TERMS: &[(&str, &str)] = &[
    (
        "Tjänsten",
        "Den gemensamma tekniska infrastrukturen för samordnad behovsprövning.",
    ),
    (
        "Driftsparten",
        "Den part som driver och förvaltar Tjänstens tekniska delar.",
    ),
    (
        "Uppgiftslämnare",
        "Myndighet eller organisation som lämnar uppgifter genom Tjänsten.",
    ),
    (
        "Socialnämnd",
        "Den nämnd i en kommun som prövar rätten till ekonomiskt bistånd.",
    ),
    (
        "Verksamhetssystem",
        "Det system som kommunen använder för att handlägga ärenden.",
    ),
    (
        "Komponent",
        "En avgränsad teknisk del av Tjänsten som Driftsparten förvaltar.",
    ),
    (
        "Informationsportal",
        "Webbplatsen där all information om Tjänsten publiceras.",
    ),
    (
        "Testmiljö",
        "Den miljö där anslutningar och ändringar prövas före produktion.",
    ),
    (
        "Produktionsmiljö",
        "Den miljö där skarpa frågor och svar hanteras.",
    ),
    (
        "Förvaltningsplan",
        "Den årliga planen för förvaltning och utveckling av Tjänsten.",
    ),
];

/// Terms the other documents define for themselves.
pub(crate) const DOC_TERMS: &[(&str, &str)] = &[
    (
        "Incident",
        "En händelse som inte ingår i normal drift och som stör Tjänsten.",
    ),
    (
        "Ändringsbegäran",
        "En skriftlig begäran om ändring av Tjänsten eller av villkoren.",
    ),
    (
        "Servicenivå",
        "Den tillgänglighet och de svarstider som parterna kommit överens om.",
    ),
    (
        "Underleverantör",
        "Den som på uppdrag av en part utför en del av åtagandet.",
    ),
    (
        "Säkerhetsincident",
        "En incident som påverkar uppgifternas säkerhet eller skydd.",
    ),
    (
        "Aktörsid",
        "Den identitet som en ansluten part använder i sina frågor.",
    ),
    (
        "Kontaktperson",
        "Den person som en part utsett att företräda parten i frågor om avtalet.",
    ),
    (
        "Supportfunktion",
        "Den funktion som tar emot och besvarar frågor om Tjänsten.",
    ),
    (
        "Releaseplan",
        "Planen för när nya versioner av Tjänsten driftsätts.",
    ),
    (
        "Driftstörning",
        "Ett avbrott eller en försämring av Tjänsten i produktionsmiljön.",
    ),
    (
        "Tjänsteleverantör",
        "Den leverantör som en kommun anlitar för sitt Verksamhetssystem.",
    ),
    (
        "Anslutningsprocess",
        "De steg som en part går igenom för att ansluta sig till Tjänsten.",
    ),
    (
        "Åtkomstlogg",
        "En logg över vem som hämtat vilka uppgifter och när.",
    ),
    (
        "Certifikat",
        "Det elektroniska intyg som styrker en ansluten parts identitet.",
    ),
    (
        "Svarstid",
        "Den tid det tar från att en fråga ställs till att svaret lämnas.",
    ),
    (
        "Underhållsfönster",
        "En i förväg meddelad tid för planerat underhåll.",
    ),
    (
        "Avvikelserapport",
        "En rapport om avvikelser från avtalade servicenivåer.",
    ),
    (
        "Personuppgiftsincident",
        "En säkerhetsincident som rör personuppgifter.",
    ),
    (
        "Förvaltningsgrupp",
        "Den grupp där parterna gemensamt styr förvaltningen.",
    ),
    (
        "Tilläggsbeställning",
        "En beställning av arbete utöver det löpande Uppdraget.",
    ),
    (
        "Leveransdag",
        "Den dag då en ändring görs tillgänglig i produktionsmiljön.",
    ),
    (
        "Gränssnitt",
        "Den tekniska specifikation som frågor och svar följer.",
    ),
    (
        "Behörighetsadministratör",
        "Den person som tilldelar behörigheter hos en ansluten part.",
    ),
    (
        "Utbildningsmiljö",
        "Den miljö där handläggare kan öva utan skarpa uppgifter.",
    ),
];

/// Top-level headings of agreement documents. Drawn without replacement within a
/// document, so every section title is unique and "punkten 5.3 <title>" is unambiguous.
pub(crate) const TOP_TITLES: &[&str] = &[
    "Bakgrund och syfte",
    "Omfattning",
    "Åtaganden",
    "Applikationsförvaltning",
    "Drift och övervakning",
    "Incidenthantering",
    "Ändringshantering",
    "Informationssäkerhet",
    "Behandling av personuppgifter",
    "Ersättning",
    "Avtalstid och uppsägning",
    "Tvister",
    "Rapportering och uppföljning",
    "Servicenivåer",
    "Tillgänglighet",
    "Loggning och spårbarhet",
    "Support",
    "Underleverantörer",
    "Sekretess",
    "Ansvarsbegränsning",
];

pub(crate) const SUB_TITLES: &[&str] = &[
    "Allmänt",
    "Parternas ansvar",
    "Tidsfrister",
    "Rapportering till Förvaltningsgruppen",
    "Kontroll och revision",
    "Meddelanden",
    "Ändringar under avtalstiden",
    "Vid uppsägning av anslutning",
    "Former för teknisk samverkan",
    "Beställning av tilläggstjänster",
    "Eskalering",
    "Kommunikation vid störning",
    "Planerat underhåll",
    "Prioritering av ärenden",
    "Säkerhetskopiering",
    "Återställning efter avbrott",
    "Behörighetskontroll",
    "Loggkontroll",
    "Kryptering",
    "Certifikathantering",
    "Prissättning",
    "Fakturering",
    "Betalningsvillkor",
    "Förlängning",
    "Hävning",
    "Force majeure",
    "Överlåtelse",
    "Tillämplig lag",
    "Dokumentation",
    "Utbildning",
    "Avvikelsehantering",
    "Mätning av tillgänglighet",
    "Svarstider",
    "Kontaktvägar",
    "Samråd",
    "Informationsplikt",
    "Granskning av Underleverantör",
    "Gallring",
    "Arkivering",
    "Revisionsrätt",
];

/// Guide step phrases ("Steg 2: Beställ certifikat").
pub(crate) const STEPS: &[&str] = &[
    "Stäm av förutsättningarna",
    "Fatta beslut",
    "Teckna avtal",
    "Beställ certifikat",
    "Anpassa verksamhetssystemet",
    "Testa i testmiljön",
    "Gå över till produktion",
    "Utse kontaktpersoner",
    "Dela ut behörigheter",
    "Kontrollera loggarna",
    "Rapportera avvikelser",
    "Följ upp",
    "Planera underhåll",
    "Informera handläggarna",
    "Uppdatera rutinerna",
];

/// Guide title stems; an index keeps titles and file names unique.
pub(crate) const GUIDE_TOPICS: &[&str] = &[
    "Anslutning av verksamhetssystem",
    "Certifikat för testmiljön",
    "Behörigheter för handläggare",
    "Loggkontroll i kommunen",
    "Felkoder och felhantering",
    "Frågor om bostadsbidrag",
    "Frågor om studiemedel",
    "Frågor om aktivitetsstöd",
    "Uppgifter från Skatteverket",
    "Uppgifter från a-kassorna",
    "Byte av leverantör",
    "Planerat underhåll",
    "Rutin vid störning",
    "Uppsägning av anslutning",
    "Releaser och versioner",
    "Säker hantering av svar",
    "Gallring av uppgifter",
    "Utbildning för handläggare",
];

/// Sections of the guide part of the portal: (folder, title).
pub(crate) const SECTIONS: &[(&str, &str)] = &[
    ("anslutning", "Anslutning"),
    ("teknisk-dokumentation", "Teknisk dokumentation"),
    ("forvaltning", "Förvaltning"),
    ("sakerhet", "Säkerhet"),
    ("support", "Support"),
    ("uppgiftslamnare", "Uppgiftslämnare"),
    ("kommuner", "Kommuner"),
    ("releaser", "Releaser"),
    ("testmiljo", "Testmiljö"),
    ("utbildning", "Utbildning"),
    ("avgifter", "Avgifter"),
    ("andringshantering", "Ändringshantering"),
];

/// Base names of agreement documents ("Bilaga 7 – Servicenivåer").
pub(crate) const DOC_NAMES: &[&str] = &[
    "Beskrivning och tjänstespecifika villkor",
    "Servicenivåer",
    "Säkerhetskrav",
    "Prislista",
    "Rutin för incidenthantering",
    "Rutin för ändringshantering",
    "Kontaktförteckning",
    "Teknisk specifikation",
    "Testrutin",
    "Förvaltningsrutin",
    "Instruktion för behörigheter",
    "Loggningskrav",
    "Kravspecifikation för anslutning",
    "Rutin för uppsägning",
];

/// Topics of the root agreements ("SSBTEK – Avtal 3 om drift").
pub(crate) const AGREEMENT_TOPICS: &[&str] = &[
    "drift",
    "anslutning för kommuner",
    "anslutning för uppgiftslämnare",
    "myndighetssamverkan",
    "personuppgiftsbiträde",
    "förvaltning",
];

pub(crate) const PARTIES: &[&str] = &[
    "Försäkringskassan",
    "Sveriges Kommuner och Regioner",
    "Pensionsmyndigheten",
    "Centrala studiestödsnämnden",
    "Arbetsförmedlingen",
    "Skatteverket",
];

/// Writes filler prose of about `budget` bytes (never more than one word over) into
/// `out`, wrapped at about 100 columns like hand-written Markdown. `terms` are mixed in
/// capitalised, as defined terms appear in agreement text.
pub(crate) fn filler(out: &mut String, rng: &mut Rng, budget: usize, terms: &[&str]) {
    let start = out.len();
    let mut line_start = out.rfind('\n').map_or(0, |i| i + 1);
    let mut sentence_left = 0;
    while out.len() - start + 8 < budget {
        if out.len() > start {
            if out.len() - line_start > 95 {
                out.push('\n');
                line_start = out.len();
            } else {
                out.push(' ');
            }
        } else if out.len() - line_start > 95 && out.ends_with(' ') {
            // The paragraph's lead (links, references) already filled the line.
            out.pop();
            out.push('\n');
            line_start = out.len();
        }
        if sentence_left == 0 {
            sentence_left = rng.range(7, 16);
            push_capitalised(out, rng.word(&WORDS));
        } else if !terms.is_empty() && rng.chance(4) {
            out.push_str(rng.word(terms));
        } else {
            out.push_str(rng.word(&WORDS));
        }
        sentence_left -= 1;
        if sentence_left == 0 {
            out.push('.');
        }
    }
    if out.len() > start && !out.ends_with('.') {
        out.push('.');
    }
}

/// One short sentence of about `words` words.
pub(crate) fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    push_capitalised(&mut s, rng.word(&WORDS));
    for _ in 1..words {
        s.push(' ');
        s.push_str(rng.word(&WORDS));
    }
    s.push('.');
    s
}

pub(crate) fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// The generator names files and ids exactly as infoportal would.
pub(crate) use infoportal::util::slug::slugify;
