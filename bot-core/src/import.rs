//! Importing people from a sign-up form's CSV: which column holds what
//! (the mapping file), and whether each row makes a person with a profile.
//!
//! Decides: what a good cell is (a field or interest the programme lists,
//! a format, a spoken language the programme lists, a capacity it allows,
//! an e-mail and phone validated as in chat), and that one bad row means
//! nothing is imported: every bad cell is reported with its row (as the
//! file counts lines, the header being row 1), column and reason.
//!
//! Must not know: files, the CSV format's parsing (the shell reads it with
//! the csv crate), the database. Reasons are for the operator (English).

use crate::model::Role;
use crate::profile::{Format, Profile, ProfileSpec};
use crate::profile_chat;
use crate::registration::{Imported, clean_name};
use serde::Deserialize;

/// The mapping file: for each fact, the header of its column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub name: String,
    /// The column saying "mentee" or "mentor"; or `role_value` for all.
    pub role: Option<String>,
    pub role_value: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub field: Option<String>,
    /// Several, separated by `;` or `,`.
    pub interests: Option<String>,
    pub format: Option<String>,
    pub languages: Option<String>,
    pub capacity: Option<String>,
}

/// One bad cell (or a missing column: row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    pub row: usize,
    pub column: String,
    pub reason: String,
}

/// A person to invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub role: Role,
    pub imported: Imported,
}

fn role(s: &str) -> Option<Role> {
    match s.trim().to_lowercase().as_str() {
        "mentee" | "adept" => Some(Role::Mentee),
        "mentor" => Some(Role::Mentor),
        _ => None,
    }
}

/// A key of the programme's list, written in full (`field-it`) or
/// without its prefix (`it`).
fn option(list: &[String], prefix: &str, s: &str) -> Option<String> {
    let s = s.trim();
    list.iter()
        .find(|k| k.as_str() == s || k.strip_prefix(prefix) == Some(s))
        .cloned()
}

fn several(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', ',']).map(str::trim).filter(|x| !x.is_empty())
}

/// Reads the rows. Every bad cell is reported; any bad cell means no one.
pub fn read(
    spec: &ProfileSpec,
    map: &Mapping,
    headers: &[String],
    rows: &[Vec<String>],
) -> Result<Vec<Person>, Vec<Bad>> {
    let mut bad = vec![];
    let col = |name: &Option<String>, bad: &mut Vec<Bad>| -> Option<usize> {
        let name = name.as_ref()?;
        let at = headers.iter().position(|h| h.trim() == name.trim());
        if at.is_none() {
            bad.push(Bad {
                row: 1,
                column: name.clone(),
                reason: "no such column in the header".into(),
            });
        }
        at
    };
    let name_col = col(&Some(map.name.clone()), &mut bad);
    let role_col = col(&map.role, &mut bad);
    let cols = [
        &map.email,
        &map.phone,
        &map.field,
        &map.interests,
        &map.format,
        &map.languages,
        &map.capacity,
    ]
    .map(|c| col(c, &mut bad));
    let fixed_role = match (&map.role, &map.role_value) {
        (None, None) => {
            bad.push(Bad {
                row: 1,
                column: "role".into(),
                reason: "the mapping names neither a role column nor role_value".into(),
            });
            None
        }
        (_, Some(v)) => match role(v) {
            Some(r) => Some(r),
            None => {
                bad.push(Bad {
                    row: 1,
                    column: "role_value".into(),
                    reason: format!("`{v}` is not mentee or mentor"),
                });
                None
            }
        },
        _ => None,
    };
    if !bad.is_empty() {
        return Err(bad);
    }
    let header = |i: usize| headers[i].clone();
    let mut people = vec![];
    for (n, cells) in rows.iter().enumerate() {
        let row = n + 2;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|s| s.trim()).unwrap_or("");
        let mut fail = |i: Option<usize>, reason: String| {
            bad.push(Bad {
                row,
                column: i.map(header).unwrap_or_default(),
                reason,
            })
        };
        let name = match clean_name(cell(name_col)) {
            Ok(n) => n,
            Err(_) => {
                fail(name_col, "a name needs 2 to 80 visible characters".into());
                String::new()
            }
        };
        let role = match fixed_role {
            Some(r) => r,
            None => match role(cell(role_col)) {
                Some(r) => r,
                None => {
                    fail(role_col, format!("`{}` is not mentee or mentor", cell(role_col)));
                    Role::Mentee
                }
            },
        };
        let [email, phone, field, interests, format, languages, capacity] = cols;
        let mut p = Profile::default();
        if !cell(email).is_empty() {
            match profile_chat::read_contact(cell(email)) {
                Ok((Some(e), None)) => p.email = Some(e),
                _ => fail(email, format!("`{}` is not an e-mail address", cell(email))),
            }
        }
        if !cell(phone).is_empty() {
            match profile_chat::read_phone(cell(phone)) {
                Some(ph) => p.phone = Some(ph),
                None => fail(
                    phone,
                    format!("`{}` is not a phone number (8 to 15 digits)", cell(phone)),
                ),
            }
        }
        if !cell(field).is_empty() {
            match option(&spec.fields, "field-", cell(field)) {
                Some(f) => p.field = Some(f),
                None => fail(field, format!("`{}` is not one of the programme's fields", cell(field))),
            }
        }
        for i in several(cell(interests)) {
            match option(&spec.interests, "interest-", i) {
                Some(k) if !p.interests.contains(&k) => p.interests.push(k),
                Some(_) => {}
                None => fail(interests, format!("`{i}` is not one of the programme's interests")),
            }
        }
        if !cell(format).is_empty() {
            match Format::parse(&cell(format).to_lowercase()) {
                Some(f) => p.format = Some(f),
                None => fail(format, format!("`{}` is not virtual, physical or both", cell(format))),
            }
        }
        for l in several(cell(languages)) {
            let l = l.to_lowercase();
            if spec.languages.contains(&l) {
                if !p.languages.contains(&l) {
                    p.languages.push(l);
                }
            } else {
                fail(languages, format!("`{l}` is not one of the programme's languages"));
            }
        }
        if !cell(capacity).is_empty() {
            match cell(capacity).parse::<u32>() {
                Ok(c) if role == Role::Mentor && (1..=spec.max_capacity).contains(&c) => p.capacity = Some(c),
                Ok(_) if role != Role::Mentor => fail(capacity, "only mentors have a capacity".into()),
                _ => fail(
                    capacity,
                    format!("`{}` is not a number from 1 to {}", cell(capacity), spec.max_capacity),
                ),
            }
        }
        people.push(Person {
            role,
            imported: Imported { name, profile: p },
        });
    }
    if bad.is_empty() { Ok(people) } else { Err(bad) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ProfileSpec {
        ProfileSpec {
            ask: vec![],
            fields: vec!["field-it".into(), "field-health".into()],
            interests: vec!["interest-cv".into(), "interest-network".into()],
            languages: vec!["da".into(), "en".into()],
            max_capacity: 2,
        }
    }

    fn map() -> Mapping {
        Mapping {
            name: "Name".into(),
            role: Some("Role".into()),
            email: Some("E-mail".into()),
            field: Some("Field".into()),
            interests: Some("Interests".into()),
            format: Some("Format".into()),
            languages: Some("Languages".into()),
            capacity: Some("Capacity".into()),
            ..Mapping::default()
        }
    }

    fn table(rows: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
        let split = |r: &str| r.split('|').map(str::to_string).collect::<Vec<_>>();
        (
            split("Name|Role|E-mail|Field|Interests|Format|Languages|Capacity"),
            rows.iter().map(|r| split(r)).collect(),
        )
    }

    #[test]
    fn good_rows_make_people_with_profiles() {
        let (h, rows) = table(&[
            "Amira Hassan|mentee|amira@example.dk|it|cv; network|virtual|en|",
            "Lars Holm|Mentor||field-health||both|da, en|2",
        ]);
        let people = read(&spec(), &map(), &h, &rows).unwrap();
        assert_eq!(people[0].role, Role::Mentee);
        assert_eq!(
            people[0].imported.profile.interests,
            vec!["interest-cv", "interest-network"]
        );
        assert_eq!(people[0].imported.profile.email.as_deref(), Some("amira@example.dk"));
        assert_eq!(people[1].imported.profile.capacity, Some(2));
        assert_eq!(people[1].imported.profile.languages, vec!["da", "en"]);
    }

    #[test]
    fn one_bad_row_imports_nothing_and_names_row_column_and_reason() {
        let (h, rows) = table(&[
            "Amira Hassan|mentee|amira@example.dk|it||virtual|en|",
            "Lars Holm|mentor|lars@|astrology||both|da|7",
        ]);
        let bad = read(&spec(), &map(), &h, &rows).unwrap_err();
        let cells: Vec<(usize, &str)> = bad.iter().map(|b| (b.row, b.column.as_str())).collect();
        assert_eq!(cells, vec![(3, "E-mail"), (3, "Field"), (3, "Capacity")]);
        assert!(bad[1].reason.contains("astrology"));
    }

    #[test]
    fn a_missing_column_is_reported_on_the_header_row() {
        let (h, rows) = table(&[]);
        let m = Mapping {
            phone: Some("Telefon".into()),
            ..map()
        };
        let bad = read(&spec(), &m, &h, &rows).unwrap_err();
        assert_eq!((bad[0].row, bad[0].column.as_str()), (1, "Telefon"));
    }
}
