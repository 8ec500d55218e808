//! Who may read a complaint: S4's "处理人员不得将投诉及处理事宜告知不相关人员". A rulebook (format
//! 2) may make a flag confidential and name its readers, ladder levels or roles; a complaint
//! carrying such a flag may then be read only by staff holding one of them, and by those
//! involved in handling it: its assignee, its handler, and whoever recorded an event on it
//! (registered it, acknowledged it, noted, escalated, …). Every other complaint may be read by
//! anyone.
//!
//! This is enforcement in the tool for honest users, not cryptography: the records stay in the
//! book, readable by anyone with the files. Who the reader is and which roles they hold is the
//! book's business (the person acting and the book's staff list); this module only decides.

use crate::model::{Action, Complaint};
use crate::rulebook::{ConfidentialSpec, Rulebook};
use crate::state::State;

/// Who is reading: a name, if anyone is named, and the roles (ladder level codes or roles) the
/// book's staff list gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader<'a> {
    /// The person, as histories record people; `None` when nobody is named.
    pub name: Option<&'a str>,
    /// Their roles: ladder level codes or the roles staffing levels.
    pub roles: &'a [String],
}

/// Why a reader may not read a complaint: the first confidential flag it carries whose readers
/// the reader is not among.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Withheld<'r> {
    /// The rule that withholds it: the flag and its readers.
    pub rule: &'r ConfidentialSpec,
}

/// Whether `reader` may read `complaint` under `rulebook`: `Ok` unless the complaint carries a
/// confidential flag whose readers the reader holds none of, and the reader is not involved in
/// handling it ([`involved`]).
pub fn may_read<'r>(
    complaint: &Complaint,
    rulebook: &'r Rulebook,
    reader: Reader,
) -> Result<(), Withheld<'r>> {
    let mut rules = rulebook
        .confidential
        .iter()
        .filter(|rule| complaint.facts.flags.contains(&rule.flag))
        .peekable();
    if rules.peek().is_none() {
        return Ok(());
    }
    if reader.name.is_some_and(|name| involved(complaint, name)) {
        return Ok(());
    }
    let held = expand(rulebook, reader.roles.iter().map(String::as_str));
    match rules.find(|rule| {
        let allowed = expand(rulebook, rule.readers.iter().map(String::as_str));
        !held.iter().any(|r| allowed.contains(r))
    }) {
        Some(rule) => Err(Withheld { rule }),
        None => Ok(()),
    }
}

/// Whether `name` is involved in handling `complaint`: its assignee, its handler (as the
/// acknowledgement named), or someone who recorded an event on it. Having seen it (`reveal`)
/// is not handling it.
pub fn involved(complaint: &Complaint, name: &str) -> bool {
    let state = State::of(complaint);
    state.assignee.as_deref() == Some(name)
        || state.handler.as_deref() == Some(name)
        || complaint
            .history
            .iter()
            .any(|e| e.by == name && !matches!(e.action, Action::Reveal(_)))
}

/// Ladder level codes and roles, each with what it stands for on the ladder: a level's code
/// brings the role staffing it, and a role the codes of the levels it staffs (`deputy_gm`
/// names the level and its role alike).
fn expand<'a>(rulebook: &'a Rulebook, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut all = Vec::new();
    for name in names {
        all.push(name);
        for level in &rulebook.ladder {
            let role = level.role.as_deref();
            if level.code == name || role == Some(name) {
                all.push(level.code.as_str());
                all.extend(role);
            }
        }
    }
    all
}

impl Withheld<'_> {
    /// The refusal to show complaint `id` to a reader: the flag and who may read it.
    pub fn error(&self, id: &crate::ComplaintId, rulebook: &Rulebook) -> crate::Error {
        let flag = &self.rule.flag;
        let readers = self.readers(rulebook);
        crate::Error::invalid(
            crate::Problem::Confidential,
            crate::said!(
                "{id} is confidential (flag `{flag}`): only {readers} and those handling it may read it",
                "{id} 为保密投诉（标记 `{flag}`）：只有 {readers} 及其处理人员可以查阅"
            ),
            crate::said!(
                "ask one of them, or the person handling it; staff roles are in staff.yaml (or complaint.yaml `staff:`)",
                "请找他们或该投诉的处理人员；人员角色见 staff.yaml（或 complaint.yaml 的 `staff:`）"
            ),
        )
    }

    /// The readers as people read them (`客服中心总经理 (gm), …`).
    pub fn readers(&self, rulebook: &Rulebook) -> String {
        self.rule
            .readers
            .iter()
            .map(|r| rulebook.role_name(r))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    /// The finance rulebook: `confidential` is read by maintenance, deputy_gm and gm.
    fn finance() -> Rulebook {
        Rulebook::load_shipped("finance").unwrap()
    }

    /// A finance complaint registered by 李雷 with these flags, then these events (`by`,
    /// YAML of the event), in order.
    fn complaint(flags: &str, events: &[&str]) -> Complaint {
        let mut text = format!(
            r#"
id: C-20261110-5AWX5K
received_at: "2026-11-10T11:00:00+08:00"
rulebook: {{name: finance, version: "2026.2"}}
channel: qq
category: policy
customer: {{name: 赵六, phone: "13812345678"}}
subject: {{kind: service, name: 理财}}
description: 收益不符
flags: {flags}
history:
- {{at: "2026-11-10T11:00:00+08:00", by: 李雷, event: received}}
"#
        );
        for event in events {
            text.push_str(&format!("- {event}\n"));
        }
        crate::yaml::parse(&Source::new("C.yaml", text)).unwrap()
    }

    #[test]
    fn who_may_read_a_confidential_complaint() {
        let rb = finance();
        let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let ack = r#"{at: "2026-11-10T12:00:00+08:00", by: 韩梅, event: ack, handler: 王芳, contact: "8001"}"#;
        let assign = r#"{at: "2026-11-10T13:00:00+08:00", by: 韩梅, event: assign, to: 张伟}"#;
        let reveal = r#"{at: "2026-11-10T14:00:00+08:00", by: 赵敏, event: reveal, command: show}"#;
        let plain = complaint("[]", &[]);
        let secret = complaint("[confidential]", &[ack, assign, reveal]);
        let unhandled = complaint("[confidential]", &[]);
        // (complaint, reader, roles, may read?), worked by hand from finance.yaml's
        // `confidential: [{flag: confidential, readers: [maintenance, deputy_gm, gm]}]`.
        type Case<'a> = (&'a str, &'a Complaint, Option<&'a str>, Vec<String>, bool);
        let cases: &[Case] = &[
            // Not flagged: anyone, named or not, with roles or without.
            ("plain, nobody", &plain, None, roles(&[]), true),
            (
                "plain, first agent",
                &plain,
                Some("路人"),
                roles(&["first_agent"]),
                true,
            ),
            // Flagged: the readers' roles, by level code or by role …
            (
                "flagged, gm",
                &unhandled,
                Some("总经理"),
                roles(&["gm"]),
                true,
            ),
            (
                "flagged, maintenance",
                &unhandled,
                Some("周"),
                roles(&["maintenance"]),
                true,
            ),
            (
                "flagged, one of several roles",
                &unhandled,
                Some("周"),
                roles(&["first_agent", "deputy_gm"]),
                true,
            ),
            // … and nobody else who is not involved.
            (
                "flagged, first agent",
                &unhandled,
                Some("路人"),
                roles(&["first_agent"]),
                false,
            ),
            (
                "flagged, room head",
                &unhandled,
                Some("路人"),
                roles(&["room_head"]),
                false,
            ),
            (
                "flagged, no roles",
                &unhandled,
                Some("路人"),
                roles(&[]),
                false,
            ),
            ("flagged, nobody named", &unhandled, None, roles(&[]), false),
            (
                "flagged, a role no ladder has",
                &unhandled,
                Some("路人"),
                roles(&["admin"]),
                false,
            ),
            // Involved without a reader's role: who registered it, acknowledged it, handles
            // it (the ack's handler), is assigned it.
            ("registered it", &unhandled, Some("李雷"), roles(&[]), true),
            (
                "acknowledged it",
                &secret,
                Some("韩梅"),
                roles(&["first_agent"]),
                true,
            ),
            ("its handler", &secret, Some("王芳"), roles(&[]), true),
            (
                "its assignee",
                &secret,
                Some("张伟"),
                roles(&["room_head"]),
                true,
            ),
            // Having seen it is not handling it.
            (
                "revealed it once",
                &secret,
                Some("赵敏"),
                roles(&["first_agent"]),
                false,
            ),
            // A name is compared exactly.
            ("another 李", &secret, Some("李"), roles(&[]), false),
        ];
        for (what, c, name, roles, expected) in cases {
            let reader = Reader { name: *name, roles };
            let got = may_read(c, &rb, reader);
            assert_eq!(got.is_ok(), *expected, "{what}: {got:?}");
            if let Err(withheld) = got {
                assert_eq!(withheld.rule.flag, "confidential", "{what}");
            }
        }
    }

    #[test]
    fn the_refusal_names_the_flag_and_its_readers() {
        let rb = finance();
        let c = complaint("[confidential]", &[]);
        let withheld = may_read(
            &c,
            &rb,
            Reader {
                name: Some("路人"),
                roles: &[],
            },
        )
        .unwrap_err();
        let message = withheld
            .error(&c.id, &rb)
            .message(crate::rulebook::Language::En);
        assert!(
            message.contains("C-20261110-5AWX5K is confidential (flag `confidential`)")
                && message.contains("客户维护室投诉专员 (maintenance)")
                && message.contains("客服中心总经理 (gm)"),
            "{message}"
        );
    }

    #[test]
    fn a_rulebook_without_confidential_flags_withholds_nothing() {
        let rb = Rulebook::load_shipped("enterprise").unwrap();
        let mut c = complaint("[confidential]", &[]);
        c.facts.flags = vec!["privacy".into()];
        assert!(
            may_read(
                &c,
                &rb,
                Reader {
                    name: None,
                    roles: &[]
                }
            )
            .is_ok()
        );
    }

    #[test]
    fn rules_check_refuses_confidential_flags_it_cannot_keep() {
        let text = crate::rulebook::shipped()
            .iter()
            .find(|s| s.name == "finance")
            .unwrap()
            .text;
        let problems = |text: &str| {
            let err = Rulebook::load(Source::new("t.yaml", text)).unwrap_err();
            format!("{:?}", miette::Report::new(err))
        };
        let rule = "  - flag: confidential\n    readers: [maintenance, deputy_gm, gm]\n";
        assert!(text.contains(rule));
        // A format-1 file: the key is refused, pointing at it (the gates are refused too).
        let v1 = text.replace("format: 2 ", "");
        assert!(
            problems(&v1).contains("`confidential` is a key of rulebook format 2"),
            "{}",
            problems(&v1)
        );
        for (changed, expected) in [
            (
                "  - flag: confidentail\n    readers: [gm]\n",
                "`confidentail` is not a declared flag",
            ),
            (
                "  - flag: confidential\n    readers: [gm, ceo]\n",
                "`ceo` is not a declared ladder level or role",
            ),
            (
                "  - flag: confidential\n    readers: []\n",
                "confidential flag `confidential` names no readers",
            ),
            (
                "  - flag: confidential\n    readers: [gm]\n  - flag: confidential\n    readers: [deputy_gm]\n",
                "flag `confidential` is made confidential twice",
            ),
        ] {
            let found = problems(&text.replace(rule, changed));
            assert!(found.contains(expected), "{expected}: {found}");
        }
    }
}
