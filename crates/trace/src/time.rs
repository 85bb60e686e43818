//! Timestamps as EPCIS uses them: RFC 3339 date-times with an offset,
//! compared and stored as UTC milliseconds.
//!
//! Precision rule (the event-hash rule of CBV 2.0, used everywhere so that
//! stored times and hashed times agree): fractional seconds are cut to
//! microseconds, then rounded half-up to milliseconds (`.1415` → `.142`,
//! `.1414` → `.141`); a carry moves into the seconds.

use std::fmt;

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Timestamp(i64);

impl Timestamp {
    /// From milliseconds since the Unix epoch.
    pub fn from_millis(ms: i64) -> Timestamp {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// The current time of the system clock.
    pub fn now() -> Timestamp {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339; `t`,
    /// `z` accepted). The error says what is wrong.
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        let b = s.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let part = s.get(from..from + len)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let shape = b.len() >= 19
            && b[4] == b'-'
            && b[7] == b'-'
            && matches!(b[10], b'T' | b't')
            && b[13] == b':'
            && b[16] == b':';
        let bad = || format!("{s:?} is not a date-time like 2025-03-01T08:30:00+07:00");
        if !shape {
            return Err(bad());
        }
        let (year, month, day) = (
            num(0, 4).ok_or_else(bad)?,
            num(5, 2).ok_or_else(bad)?,
            num(8, 2).ok_or_else(bad)?,
        );
        let (hour, minute, second) = (
            num(11, 2).ok_or_else(bad)?,
            num(14, 2).ok_or_else(bad)?,
            num(17, 2).ok_or_else(bad)?,
        );
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(format!("{s:?}: no such date"));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(format!("{s:?}: no such time of day"));
        }
        let mut i = 19;
        let mut micros: i64 = 0;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - start < 6 {
                    micros = micros * 10 + i64::from(b[i] - b'0');
                }
                i += 1;
            }
            if i == start {
                return Err(bad());
            }
            for _ in (i - start)..6 {
                micros *= 10;
            }
        }
        let offset_minutes = match &s[i..] {
            "Z" | "z" => 0,
            tz if tz.len() == 6
                && matches!(tz.as_bytes()[0], b'+' | b'-')
                && tz.as_bytes()[3] == b':' =>
            {
                let h = num(i + 1, 2).ok_or_else(bad)?;
                let m = num(i + 4, 2).ok_or_else(bad)?;
                if h > 23 || m > 59 {
                    return Err(format!("{s:?}: offset out of range"));
                }
                let sign = if tz.starts_with('-') { -1 } else { 1 };
                sign * (h * 60 + m)
            }
            _ => {
                return Err(format!(
                    "{s:?} has no time zone (end it with Z or an offset such as +07:00)"
                ));
            }
        };
        let millis = (micros + 500) / 1000; // half-up; may be 1000
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Ok(Timestamp(secs * 1000 + millis))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    pub fn to_utc_string(self) -> String {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            sod / 3600,
            sod % 3600 / 60,
            sod % 60
        )
    }
}

impl Timestamp {
    /// The local time at an offset `±HH:MM` (as `eventTimeZoneOffset`
    /// gives it), e.g. `2025-11-15T10:00:00.000+07:00`; UTC when the offset
    /// is not one.
    pub fn to_local_string(self, offset: &str) -> String {
        if !is_time_zone_offset(offset) {
            return self.to_utc_string();
        }
        let minutes = offset[1..3].parse::<i64>().unwrap_or(0) * 60
            + offset[4..6].parse::<i64>().unwrap_or(0);
        let signed = if offset.starts_with('-') {
            -minutes
        } else {
            minutes
        };
        let utc = Timestamp(self.0 + signed * 60_000).to_utc_string();
        format!("{}{offset}", utc.trim_end_matches('Z'))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_utc_string())
    }
}

/// True for an EPCIS `eventTimeZoneOffset`: `±HH:MM` from -14:00 to +14:00.
pub fn is_time_zone_offset(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 6 || !matches!(b[0], b'+' | b'-') || b[3] != b':' {
        return false;
    }
    let (Ok(h), Ok(m)) = (s[1..3].parse::<u32>(), s[4..6].parse::<u32>()) else {
        return false;
    };
    s[1..3].bytes().all(|c| c.is_ascii_digit())
        && s[4..6].bytes().all(|c| c.is_ascii_digit())
        && ((h <= 13 && m <= 59) || (h == 14 && m == 0))
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> String {
        Timestamp::parse(s).unwrap().to_utc_string()
    }

    #[test]
    fn offsets_are_applied_and_precision_is_milliseconds() {
        assert_eq!(
            utc("2020-03-04T11:00:30.000+01:00"),
            "2020-03-04T10:00:30.000Z"
        );
        assert_eq!(utc("2019-10-21T00:05:00-06:00"), "2019-10-21T06:05:00.000Z");
        assert_eq!(utc("2023-02-02T11:04:03.1415Z"), "2023-02-02T11:04:03.142Z");
        assert_eq!(utc("2023-02-02T11:04:03.1414Z"), "2023-02-02T11:04:03.141Z");
        assert_eq!(utc("2023-02-12T11:04:03.1007Z"), "2023-02-12T11:04:03.101Z");
        assert_eq!(utc("2022-12-31T23:59:59.9996Z"), "2023-01-01T00:00:00.000Z");
        assert_eq!(utc("2022-02-17T11:30:47.0Z"), "2022-02-17T11:30:47.000Z");
        assert_eq!(utc("2024-02-29t07:00:00z"), "2024-02-29T07:00:00.000Z");
        let t = Timestamp::parse("2025-11-15T10:00:00+07:00").unwrap();
        assert_eq!(t.to_local_string("+07:00"), "2025-11-15T10:00:00.000+07:00");
        assert_eq!(t.to_local_string("-06:30"), "2025-11-14T20:30:00.000-06:30");
    }

    #[test]
    fn malformed_times_are_rejected_with_the_reason() {
        assert!(
            Timestamp::parse("22-07-2026")
                .unwrap_err()
                .contains("not a date-time")
        );
        assert!(
            Timestamp::parse("2026-07-22T06:45:00")
                .unwrap_err()
                .contains("no time zone")
        );
        assert!(
            Timestamp::parse("2025-02-29T06:45:00Z")
                .unwrap_err()
                .contains("no such date")
        );
        assert!(
            Timestamp::parse("2025-02-28T24:00:00Z")
                .unwrap_err()
                .contains("no such time")
        );
        assert!(Timestamp::parse("2025-02-28T10:00:00.Z").is_err());
    }

    #[test]
    fn time_zone_offsets() {
        for ok in ["+07:00", "-06:00", "+14:00", "-13:59", "+00:00"] {
            assert!(is_time_zone_offset(ok), "{ok}");
        }
        for bad in ["+14:01", "07:00", "+7:00", "+07:60", "Z"] {
            assert!(!is_time_zone_offset(bad), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn formatting_and_parsing_round_trip(ms in -62_135_596_800_000i64..253_402_300_799_999) {
            let t = Timestamp::from_millis(ms);
            prop_assert_eq!(Timestamp::parse(&t.to_utc_string()).unwrap(), t);
        }
    }
}
