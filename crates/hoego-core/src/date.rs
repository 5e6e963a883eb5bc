//! Post dates as people write them: a date only, a floating local time, or a
//! time with an offset. We keep which of these was written (a floating time is
//! not silently made UTC), and convert only when an export profile asks.
//!
//! No clock here: "now" is always passed in.

use std::fmt;

/// A UTC offset in minutes east of Greenwich.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Offset(pub i32);

impl Offset {
    /// UTC.
    pub const UTC: Offset = Offset(0);
    /// Korea Standard Time, the most common offset among our users.
    pub const KST: Offset = Offset(9 * 60);

    /// Parse `Z`, `+09:00`, `+0900` or `+09`.
    pub fn parse(s: &str) -> Option<Offset> {
        let s = s.trim();
        if s == "Z" || s == "z" {
            return Some(Offset::UTC);
        }
        let (sign, rest) = match s.as_bytes().first()? {
            b'+' => (1, &s[1..]),
            b'-' => (-1, &s[1..]),
            _ => return None,
        };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || rest.matches(':').count() > 1 {
            return None;
        }
        let (h, m) = match digits.len() {
            2 => (digits.parse::<i32>().ok()?, 0),
            4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
            _ => return None,
        };
        if h > 23 || m > 59 {
            return None;
        }
        Some(Offset(sign * (h * 60 + m)))
    }

    /// An offset as a writer types it in a form: what [`Offset::parse`] reads,
    /// a zone name after a time in a post (`KST`, `JST`, `UTC`, `GMT`), and an
    /// hour of one digit (`+9`, `-5:30`).
    pub fn parse_typed(s: &str) -> Option<Offset> {
        let s = s.trim();
        let short = |s: &str| {
            let (sign, rest) = s.split_at(s.find(|c: char| c.is_ascii_digit())?);
            let (h, m) = rest.split_once(':').unwrap_or((rest, "00"));
            (h.len() == 1).then(|| Offset::parse(&format!("{sign}0{h}:{m}"))).flatten()
        };
        named_zone(s).or_else(|| Offset::parse(s)).or_else(|| short(s))
    }

    /// `+09:00` style.
    pub fn colon(self) -> String {
        let (sign, a) = if self.0 < 0 { ('-', -self.0) } else { ('+', self.0) };
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    }

    /// `+0900` style (what Jekyll's own docs write).
    pub fn compact(self) -> String {
        self.colon().replace(':', "")
    }
}

/// A time of day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Time {
    /// 0–23
    pub hour: u8,
    /// 0–59
    pub minute: u8,
    /// 0–60 (leap second tolerated)
    pub second: u8,
    /// Fractional seconds digits as written (without the dot), if any.
    pub frac: Option<String>,
}

impl Time {
    /// `00:00:00` exactly (what a date-only value becomes once given a time).
    pub fn is_midnight(&self) -> bool {
        (self.hour, self.minute, self.second) == (0, 0, 0) && self.frac.is_none()
    }
}

/// A post date, keeping what precision and offset the author wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostDate {
    /// Year.
    pub year: i32,
    /// 1–12
    pub month: u8,
    /// 1–31
    pub day: u8,
    /// Time of day; `None` for a date-only value.
    pub time: Option<Time>,
    /// Offset; `None` for a floating (local) time or a date only.
    pub offset: Option<Offset>,
}

fn num<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// A month or a day: `7` or `07`.
fn one_or_two_digits(s: &str) -> Option<u8> {
    num(s, 1).or_else(|| num(s, 2))
}

/// The date at the start of `s` and what follows it: `2022-07-08` or
/// `2022-7-8`, and as Ruby's `Date._parse` also reads them (Korean writers
/// date so), `2022.07.08`, `2022. 7. 8.` and `2022/07/08`: a four-digit year,
/// then a month and a day of one or two digits, one separator throughout.
pub(crate) fn date_part(s: &str) -> Option<(i32, u8, u8, &str)> {
    let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let year: i32 = num(&s[..digits(s)], 4)?;
    let rest = &s[4..];
    let sep = rest.chars().next().filter(|c| matches!(c, '-' | '.' | '/'))?;
    // `2022. 7. 8.`: Korean dates put a space after each dot, and a dot after the day.
    let spaces = if sep == '.' { " " } else { "" };
    let rest = rest[1..].trim_start_matches(spaces);
    let month = one_or_two_digits(&rest[..digits(rest)])?;
    let rest = rest[digits(rest)..].strip_prefix(sep)?.trim_start_matches(spaces);
    let day = one_or_two_digits(&rest[..digits(rest)])?;
    let rest = &rest[digits(rest)..];
    let rest = if sep == '.' { rest.strip_prefix('.').unwrap_or(rest) } else { rest };
    Some((year, month, day, rest))
}

/// The zone names our users write after a time, as offsets. Ruby's
/// `Time.parse` reads `KST` and `JST` as the build machine's zone (UTC on
/// GitHub Pages), nine hours off what the author meant; a Jekyll export writes
/// the offset instead (`export::plan`).
fn named_zone(s: &str) -> Option<Offset> {
    match s.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" => Some(Offset::UTC),
        "KST" | "JST" => Some(Offset::KST),
        _ => None,
    }
}

/// Does a `date` written as `raw` end in a zone name Ruby's `Time.parse` does
/// not know (`KST`, `JST`)? Jekyll then reads its time as the build's local
/// time: the site's `timezone:`, or UTC where there is none (GitHub Pages),
/// which is what gave a published post its URL.
pub(crate) fn ruby_reads_as_local(raw: &str) -> bool {
    // A comment after the value (` # 서울`) is not part of it.
    let raw = crate::yaml::scan::without_comment(raw).trim_matches(['"', '\'']);
    let zone = raw.rsplit([' ', '\t']).next().unwrap_or("");
    raw.len() > zone.len() && matches!(zone.to_ascii_uppercase().as_str(), "KST" | "JST")
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub(crate) fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

impl PostDate {
    /// Parse the forms Jekyll (Ruby `Time.parse`/Psych) and js-yaml accept:
    /// `2022-07-28`, `2022-06-29 06:00:00`, `2022-06-29T06:00:00+09:00`,
    /// `2022-06-29 06:00:00 +0900`, `2023-12-30 13:00`, `...Z`; a month or day
    /// of one digit (`2022-7-8`, which Ruby reads as July 8); dates with dots or
    /// slashes (`2022.07.08`, `2022. 7. 8.`, `2022/07/08`, see [`date_part`]); and after a time
    /// the zone names `UTC`, `GMT`, `KST` and `JST` (see [`named_zone`]).
    /// Anything else (e.g. `2022-02-11-15:00:00+09:00`) is `None`: never a guess.
    pub fn parse(s: &str) -> Option<PostDate> {
        let (year, month, day, rest) = date_part(s.trim())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let mut out = PostDate { year, month, day, time: None, offset: None };
        if rest.is_empty() {
            return Some(out);
        }
        let rest = if let Some(r) = rest.strip_prefix(['T', 't']) {
            r
        } else if rest.starts_with([' ', '\t']) {
            rest.trim_start_matches([' ', '\t'])
        } else {
            return None;
        };
        // Time: H:MM, HH:MM, HH:MM:SS, HH:MM:SS.fff
        let time_end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(rest.len());
        let (time, tail) = rest.split_at(time_end);
        let mut parts = time.split(':');
        let h = parts.next()?;
        let hour: u8 = if h.len() == 1 { num(h, 1)? } else { num(h, 2)? };
        let minute: u8 = num(parts.next()?, 2)?;
        let (second, frac) = match parts.next() {
            None => (0, None),
            Some(sec) => {
                let (whole, frac) = match sec.split_once('.') {
                    Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (w, Some(f.to_string())),
                    Some(_) => return None,
                    None => (sec, None),
                };
                (num::<u8>(whole, 2)?, frac)
            }
        };
        if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        out.time = Some(Time { hour, minute, second, frac });
        let tail = tail.trim_start_matches([' ', '\t']);
        if !tail.is_empty() {
            out.offset = Some(named_zone(tail).or_else(|| Offset::parse(tail))?);
        }
        Some(out)
    }

    /// ISO 8601 as written: `2019-12-23`, `2021-02-10T04:00:00`,
    /// `2022-06-29T06:00:00+09:00` (`Z` for a zero offset written as such is
    /// normalised to `+00:00`).
    pub fn to_iso(&self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some(t) = &self.time {
            s.push_str(&format!("T{:02}:{:02}:{:02}", t.hour, t.minute, t.second));
            if let Some(f) = &t.frac {
                s.push('.');
                s.push_str(f);
            }
        }
        if let Some(o) = self.offset {
            s.push_str(&o.colon());
        }
        s
    }

    /// The date a form's date-and-time input (`local`, as `2026-11-25T09:00` or
    /// with seconds) sets at `offset`, in place of `was`. A date-only date stays
    /// date-only while the time is left at midnight, where the form shows it:
    /// Jekyll takes a post's URL date from a date only as written, but from a
    /// time at an offset in the site's zone (a KST midnight is the day before in UTC).
    /// A date written without an offset (a time, or a date only given one)
    /// stays without one: the export decides it (Gatsby shows the wall clock's
    /// day, Jekyll keeps a published URL).
    pub fn from_form(local: &str, offset: Offset, was: Option<&PostDate>) -> Option<PostDate> {
        let mut d = PostDate::parse(&format!("{local}{}", offset.colon()))?;
        let midnight = d.time.as_ref().is_some_and(|t| (t.hour, t.minute, t.second, &t.frac) == (0, 0, 0, &None));
        if midnight && was.is_some_and(|w| w.time.is_none()) {
            d.time = None;
            d.offset = None;
        }
        if was.is_some_and(|w| w.offset.is_none()) {
            d.offset = None;
        }
        Some(d)
    }

    /// The same wall-clock reading, with `offset` filled in where none was
    /// written; a date only becomes midnight.
    pub fn with_default_offset(&self, offset: Offset) -> PostDate {
        let mut d = self.clone();
        if d.time.is_none() {
            d.time = Some(Time { hour: 0, minute: 0, second: 0, frac: None });
        }
        if d.offset.is_none() {
            d.offset = Some(offset);
        }
        d
    }

    /// Seconds since the Unix epoch, if the instant is known (time and offset).
    pub fn unix(&self) -> Option<i64> {
        let t = self.time.as_ref()?;
        let o = self.offset?;
        let days = days_from_civil(self.year, self.month, self.day);
        Some(
            days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
                - i64::from(o.0) * 60,
        )
    }

    /// The instant `unix` seen at `offset`.
    pub fn from_unix(unix: i64, offset: Offset) -> PostDate {
        let local = unix + i64::from(offset.0) * 60;
        let (year, month, day) = civil_from_days(local.div_euclid(86_400));
        let secs = local.rem_euclid(86_400);
        PostDate {
            year,
            month,
            day,
            time: Some(Time {
                hour: (secs / 3600) as u8,
                minute: (secs % 3600 / 60) as u8,
                second: (secs % 60) as u8,
                frac: None,
            }),
            offset: Some(offset),
        }
    }

    /// This instant shown at `offset` (fraction kept). Needs a full instant.
    pub fn at_offset(&self, offset: Offset) -> Option<PostDate> {
        let mut d = PostDate::from_unix(self.unix()?, offset);
        if let (Some(t), Some(src)) = (d.time.as_mut(), self.time.as_ref()) {
            t.frac = src.frac.clone();
        }
        Some(d)
    }

    /// `2022-06-29 06:00:00 +0900`, the form Jekyll's docs use.
    pub fn to_jekyll(&self) -> String {
        let t = self.time.clone().unwrap_or(Time { hour: 0, minute: 0, second: 0, frac: None });
        let mut s =
            format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", self.year, self.month, self.day, t.hour, t.minute, t.second);
        if let Some(o) = self.offset {
            s.push(' ');
            s.push_str(&o.compact());
        }
        s
    }

    /// `YYYY-MM-DD` of the calendar date as written.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_form_keeps_a_date_only_date_while_its_time_is_midnight() {
        let kst = Offset::parse("+09:00").expect("offset");
        let (day, timed) = (PostDate::parse("2022-07-28"), PostDate::parse("2022-07-28 09:00:00 +0900"));
        let floating = PostDate::parse("2022-06-29 06:00:00");
        let cases: &[(&str, Option<&PostDate>, &str)] = &[
            ("2022-07-29T00:00", day.as_ref(), "2022-07-29"),
            ("2022-07-29T00:00:00", day.as_ref(), "2022-07-29"),
            ("2022-07-29T00:00:01", day.as_ref(), "2022-07-29T00:00:01"),
            ("2022-07-29T21:30", day.as_ref(), "2022-07-29T21:30:00"),
            // A date with a time keeps one, midnight included.
            ("2022-07-29T00:00", timed.as_ref(), "2022-07-29T00:00:00+09:00"),
            ("2022-07-29T00:00", None, "2022-07-29T00:00:00+09:00"),
            // A time without an offset keeps none.
            ("2022-06-30T07:00", floating.as_ref(), "2022-06-30T07:00:00"),
        ];
        for (local, was, want) in cases {
            let got = PostDate::from_form(local, kst, *was).map(|d| d.to_iso());
            assert_eq!(got.as_deref(), Some(*want), "{local} over {was:?}");
        }
        assert_eq!(PostDate::from_form("not a date", kst, None), None);
    }

    #[test]
    fn offsets_as_typed() {
        let cases: &[(&str, Option<&str>)] = &[
            ("+09:00", Some("+09:00")),
            ("+0900", Some("+09:00")),
            (" kst ", Some("+09:00")),
            ("JST", Some("+09:00")),
            ("UTC", Some("+00:00")),
            ("Z", Some("+00:00")),
            ("+9", Some("+09:00")),
            ("-5:30", Some("-05:30")),
            ("+25:00", None),
            ("+9:75", None),
            ("9", None),
            ("+", None),
            ("CET", None),
            ("+09:00:00", None),
            ("", None),
        ];
        for (typed, want) in cases {
            assert_eq!(Offset::parse_typed(typed).map(Offset::colon).as_deref(), *want, "{typed:?}");
        }
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2022-07-28", Some("2022-07-28")),
            ("2022-06-29 06:00:00", Some("2022-06-29T06:00:00")),
            ("2022-06-29T06:00:00+09:00", Some("2022-06-29T06:00:00+09:00")),
            ("2022-06-29 06:00:00 +0900", Some("2022-06-29T06:00:00+09:00")),
            ("2023-12-30 13:00", Some("2023-12-30T13:00:00")),
            ("2021-02-10T04:00:00Z", Some("2021-02-10T04:00:00+00:00")),
            ("2021-02-10 4:05", Some("2021-02-10T04:05:00")),
            ("2021-02-10T04:00:00.250-05:30", Some("2021-02-10T04:00:00.250-05:30")),
            ("2022-7-8", Some("2022-07-08")),
            ("2022-7-08 9:05", Some("2022-07-08T09:05:00")),
            ("2022-12-1T10:00:00+09:00", Some("2022-12-01T10:00:00+09:00")),
            ("2022-06-29 06:00:00 KST", Some("2022-06-29T06:00:00+09:00")),
            ("2022-06-29 06:00 jst", Some("2022-06-29T06:00:00+09:00")),
            ("2022-06-29 06:00:00 UTC", Some("2022-06-29T06:00:00+00:00")),
            ("2022-06-29 06:00:00 GMT", Some("2022-06-29T06:00:00+00:00")),
            ("2022.07.08", Some("2022-07-08")),
            ("2022. 7. 8.", Some("2022-07-08")),
            ("2022.7.8 10:30", Some("2022-07-08T10:30:00")),
            ("2022. 7. 8. 10:30:00 +0900", Some("2022-07-08T10:30:00+09:00")),
            ("2022/07/08", Some("2022-07-08")),
            ("2022/7/8 9:05", Some("2022-07-08T09:05:00")),
            ("2022.07-08", None),
            ("2022/07.08", None),
            ("2022 .07.08", None),
            ("2022/ 7/ 8", None),
            ("2022.07.08..", None),
            ("2022-07-08.", None),
            ("2022.02.30", None),
            ("2022-06-29 06:00:00 CET", None),
            ("2022-06-29 KST", None),
            ("2022-007-08", None),
            ("2022-7-", None),
            ("2022-02-11-15:00:00+09:00", None),
            ("2022-02-30", None),
            ("2022-13-01", None),
            ("22-01-01", None),
            ("2022-01-01 25:00", None),
            ("2022-01-01 10:00 +99:00", None),
            ("yesterday", None),
            ("2022년 1월", None),
        ];
        for (input, want) in cases {
            assert_eq!(PostDate::parse(input).map(|d| d.to_iso()).as_deref(), *want, "{input}");
        }
        let local: &[(&str, bool)] = &[
            ("2022-06-29 06:00:00 KST", true),
            ("'2022-06-29 06:00 jst'", true),
            ("2022-06-29 06:00:00 UTC", false),
            ("2022-06-29 06:00:00 +0900", false),
            ("2022-06-29 06:00:00 KST # 서울", true),
            ("KST", false),
            ("", false),
        ];
        for (raw, want) in local {
            assert_eq!(ruby_reads_as_local(raw), *want, "{raw}");
        }
    }

    #[test]
    fn conversions() {
        let d = PostDate::parse("2022-06-29 06:00:00 +0900").unwrap();
        assert_eq!(d.at_offset(Offset::UTC).unwrap().to_iso(), "2022-06-28T21:00:00+00:00");
        assert_eq!(d.to_jekyll(), "2022-06-29 06:00:00 +0900");
        let back = PostDate::from_unix(d.unix().unwrap(), Offset::KST);
        assert_eq!(back.to_iso(), "2022-06-29T06:00:00+09:00");
        let f = PostDate::parse("2019-12-23").unwrap().with_default_offset(Offset(-300));
        assert_eq!(f.to_iso(), "2019-12-23T00:00:00-05:00");
        assert_eq!(PostDate::from_unix(0, Offset::UTC).ymd(), "1970-01-01");
        assert_eq!(PostDate::from_unix(951_782_400, Offset::UTC).ymd(), "2000-02-29");
    }
}
