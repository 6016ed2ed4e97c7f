//! Time: calendar dates, the build's point in time, and how times are written in
//! Swedish and for machines.
//!
//! Pure functions of their arguments: nothing here reads the clock (the command line
//! gives the build's time, `--now` or `SOURCE_DATE_EPOCH`, or reads it once).

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// A calendar date (`YYYY-MM-DD`).
pub type Date = jiff::civil::Date;

/// The build's point in time, as given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    /// An exact instant (`--now 2026-11-26T10:00:00+01:00`, `SOURCE_DATE_EPOCH`, the clock).
    Instant(jiff::Timestamp),
    /// A date (`--now 2026-11-26`): midnight at its start in the portal's time zone.
    Date(Date),
}

impl Now {
    /// Parses `--now`: an RFC 3339 time with offset, or a `YYYY-MM-DD` date.
    pub fn parse(text: &str) -> Result<Now, String> {
        if let Some(date) = parse_date(text) {
            return Ok(Now::Date(date));
        }
        text.parse::<jiff::Timestamp>().map(Now::Instant).map_err(|_| {
            format!("`{text}` is neither a date (2026-11-26) nor a time with offset (2026-11-26T10:00:00+01:00)")
        })
    }

    /// The instant, placing a bare date at its midnight in `tz`.
    pub(crate) fn instant(self, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
        match self {
            Now::Instant(t) => t,
            Now::Date(d) => d
                .to_zoned_datetime(tz.clone())
                .map(|z| z.timestamp())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        }
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    text.parse::<Date>().ok()
}

/// The portal's date for a given instant (for `load`, tests and `new`).
pub(crate) fn date_in(now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Date {
    now.to_zoned_datetime(tz.clone()).date()
}

const WEEKDAYS: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// A time in Swedish: `söndag 12 september 2021 kl. 06.00` (Språkrådet writes the
/// clock with a full stop).
pub(crate) fn swedish_time(t: Timestamp, tz: &TimeZone) -> String {
    swedish_zoned(&t.to_zoned_datetime(tz.clone()))
}

/// [`swedish_time`] of a time already in the portal's time zone.
pub(crate) fn swedish_zoned(z: &ZonedDateTime) -> String {
    format!("{} kl. {}", swedish_date(z), z.strftime("%H.%M"))
}

/// A day in Swedish, as a reader writes it: `3 mars 2026`.
pub(crate) fn swedish_day(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        MONTHS[(d.month() - 1) as usize],
        d.year()
    )
}

fn swedish_date(z: &ZonedDateTime) -> String {
    let weekday = WEEKDAYS[z.weekday().to_monday_zero_offset() as usize];
    format!(
        "{weekday} {} {} {}",
        z.day(),
        MONTHS[(z.month() - 1) as usize],
        z.year()
    )
}

/// A period in Swedish, the date written once when it is one day:
/// `söndag 17 januari 2027 kl. 06.00–10.00`.
pub(crate) fn swedish_period(start: Timestamp, end: Option<Timestamp>, tz: &TimeZone) -> String {
    let a = start.to_zoned_datetime(tz.clone());
    let Some(end) = end else {
        return format!("från {}", swedish_zoned(&a));
    };
    let b = end.to_zoned_datetime(tz.clone());
    if a.date() == b.date() {
        format!("{}–{}", swedish_zoned(&a), b.strftime("%H.%M"))
    } else {
        format!("{} – {}", swedish_zoned(&a), swedish_zoned(&b))
    }
}

/// A time in short form: `2021-09-12 06:00`.
pub(crate) fn short_time(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%d %H:%M").to_string()
}

/// The local time with its offset, for `<time datetime>`: `2021-09-12T06:00:00+02:00`.
pub(crate) fn iso_local(t: Timestamp, tz: &TimeZone) -> String {
    iso_zoned(&t.to_zoned_datetime(tz.clone()))
}

/// [`iso_local`] of a time already in the portal's time zone.
pub(crate) fn iso_zoned(z: &ZonedDateTime) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn swedish_local_times_follow_daylight_saving() {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        assert_eq!(
            swedish_time(t("2021-09-12T04:00:00Z"), &tz),
            "söndag 12 september 2021 kl. 06.00"
        );
        assert_eq!(
            swedish_time(t("2021-12-12T05:00:00Z"), &tz),
            "söndag 12 december 2021 kl. 06.00"
        );
        assert_eq!(
            swedish_period(
                t("2027-01-17T05:00:00Z"),
                Some(t("2027-01-17T09:00:00Z")),
                &tz
            ),
            "söndag 17 januari 2027 kl. 06.00–10.00"
        );
        assert_eq!(
            swedish_period(
                t("2026-11-02T08:00:00Z"),
                Some(t("2027-06-30T17:00:00Z")),
                &tz
            ),
            "måndag 2 november 2026 kl. 09.00 – onsdag 30 juni 2027 kl. 19.00"
        );
        assert_eq!(
            iso_local(t("2021-12-12T05:00:00Z"), &tz),
            "2021-12-12T06:00:00+01:00"
        );
        assert_eq!(
            iso_local(t("2021-09-12T04:00:00Z"), &tz),
            "2021-09-12T06:00:00+02:00"
        );
        let z = t("2021-09-12T04:05:00Z").to_zoned_datetime(tz.clone());
        assert_eq!(short_time(&z), "2021-09-12 06:05");
        assert_eq!(
            swedish_period(t("2027-01-17T05:00:00Z"), None, &tz),
            "från söndag 17 januari 2027 kl. 06.00"
        );
    }
}
