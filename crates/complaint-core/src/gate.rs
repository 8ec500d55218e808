//! Gates: what must have happened before a move (rulebook format 2). S2 reviews the handling
//! result and has senior management approve a major complaint before it is closed; S4 has a
//! tier-2 complaint apologised for and the agent at fault disciplined before it is closed. A
//! gate names the moves it guards, the complaints it holds for (grades, tiers, conditions) and
//! its requirements in order; a move it guards is refused until they are met.
//!
//! The commands and scenarios ask [`unmet`] after the move's own decision; `complaint check`
//! asks it for complaints received under the rulebook's current version only, so that a gate a
//! later version adds does not make earlier histories illegal.

use crate::classify::{self, Standing};
use crate::model::{Action, Complaint};
use crate::rulebook::{GateSpec, Requirement, Rulebook};

/// A gate that stops a move: the first requirement not met yet, and how many before it are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unmet<'r> {
    /// The gate.
    pub gate: &'r GateSpec,
    /// The requirement to meet next.
    pub missing: &'r Requirement,
    /// How many of the gate's requirements are met (in order) already.
    pub met: usize,
}

/// The first gate of `rulebook` that stops the move `action` on `complaint` as it stands, if
/// any. A gate guards the moves its `before` names (`pay`, or one kind: `pay.refund`); the move
/// that is itself the step a gate asks for next goes through.
pub fn unmet<'r>(
    complaint: &Complaint,
    standing: &Standing,
    rulebook: &'r Rulebook,
    action: &Action,
) -> Option<Unmet<'r>> {
    rulebook
        .gates
        .iter()
        .filter(|gate| gate.before.iter().any(|m| action.is(m)))
        .filter(|gate| holds_for(gate, complaint, standing))
        .find_map(|gate| {
            let met = met(&gate.require, complaint);
            gate.require
                .get(met)
                .filter(|missing| !meets(missing, action))
                .map(|missing| Unmet { gate, missing, met })
        })
}

/// Whether `gate` holds for a complaint of this standing and these facts.
fn holds_for(gate: &GateSpec, complaint: &Complaint, standing: &Standing) -> bool {
    let among = |codes: &[String], code: Option<&str>| {
        codes.is_empty() || code.is_some_and(|c| codes.iter().any(|x| x == c))
    };
    among(&gate.grades, standing.grade())
        && among(&gate.tiers, standing.tier())
        && classify::holds(&gate.when, complaint)
}

/// How many of `require` the history meets, in order: each by an event after the one that met
/// the requirement before it. A reopened complaint is handled anew: what was met before the
/// latest reopen does not count for the next close.
fn met(require: &[Requirement], complaint: &Complaint) -> usize {
    let mut met = 0;
    for event in complaint.in_force() {
        if matches!(event.action, Action::Reopen(_)) {
            met = 0;
        } else if require.get(met).is_some_and(|r| meets(r, &event.action)) {
            met += 1;
        }
    }
    met.min(require.len())
}

/// Whether `action` meets `requirement`: the event asked for, in the role asked for.
fn meets(requirement: &Requirement, action: &Action) -> bool {
    action.is(&requirement.event)
        && (requirement.roles.is_empty()
            || role_of(action).is_some_and(|role| requirement.roles.iter().any(|r| r == role)))
}

/// The role an event was given in, for events that record one.
fn role_of(action: &Action) -> Option<&str> {
    match action {
        Action::Review(review) => Some(&review.role),
        Action::Approve(approve) => Some(&approve.role),
        _ => None,
    }
}

/// Among `roles` (a reviewer's), the one the next unmet review of any gate asks for.
pub fn role_wanted(complaint: &Complaint, rulebook: &Rulebook, roles: &[String]) -> Option<String> {
    let state = crate::state::State::of(complaint);
    let standing = classify::standing(complaint, &state, rulebook);
    rulebook
        .gates
        .iter()
        .filter(|gate| holds_for(gate, complaint, &standing))
        .filter_map(|gate| gate.require.get(met(&gate.require, complaint)))
        .filter(|r| r.event == "review")
        .find_map(|r| r.roles.iter().find(|role| roles.contains(role)).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// A format-2 rulebook: a major complaint is closed after a review by `quality`, then one
    /// by `senior`; any complaint with the `privacy` flag is apologised for before it is closed
    /// or anything else is paid.
    const RULEBOOK: &str = "format: 2\nrulebook: t\nversion: '1'\norganisation: t\ndescription: t\n\
        channels: [{code: chat, name: 在线}]\ncategories: [{code: CQ01, name: 质量}]\n\
        grades: [{code: general, name: 一般}, {code: major, name: 重大}]\n\
        flags: [{code: privacy, name: 隐私}]\n\
        ladder: [{code: agent, name: 客服}, {code: quality, name: 质检}, {code: senior, name: 高层}]\n\
        calendar: {base: cn}\n\
        classify: {grade: [{name: 大额, when: {claimed_at_least: '5000'}, then: major}, {name: 其他, then: general}]}\n\
        gates:\n\
        - {name: 重大投诉审批, before: [close], grades: [major], require: [{event: review, role: quality}, {event: review, role: senior}]}\n\
        - {name: 隐私投诉道歉, before: [close, pay], when: {flags: [privacy]}, require: [{event: pay.apology}]}\n";

    /// A complaint claiming `claimed`, with `flags`, whose history after its registration is
    /// `history` (one `{event…}` per line).
    fn complaint(claimed: &str, flags: &str, history: &[&str]) -> Complaint {
        let mut text = format!(
            "id: C-20261102-5AWX5K\nreceived_at: \"2026-11-02T09:00:00+08:00\"\n\
             rulebook: {{name: t, version: \"1\"}}\nchannel: chat\ncategory: CQ01\n\
             claimed: \"{claimed}\"\nflags: [{flags}]\nhistory:\n\
             - {{at: \"2026-11-02T09:00:00+08:00\", by: 王芳, event: received}}\n"
        );
        for (i, event) in history.iter().enumerate() {
            text.push_str(&format!(
                "- {{at: \"2026-11-02T1{i}:00:00+08:00\", by: 王芳, {event}}}\n"
            ));
        }
        crate::yaml::parse(&Source::new("C.yaml", text)).unwrap()
    }

    /// The move called `name` (`close`, `feedback`, `pay.KIND`).
    fn action(name: &str) -> Action {
        match name.split_once('.') {
            Some(("pay", kind)) => Action::Pay(crate::event::Pay {
                kind: kind.to_string(),
                amount: None,
                reference: None,
                rulebook: None,
                payer: None,
                advance: false,
            }),
            _ if name == "close" => Action::Close(crate::event::Close {
                outcome: "已处理".into(),
                satisfaction: None,
            }),
            _ => Action::Feedback(crate::event::Feedback {
                message: "已告知".into(),
            }),
        }
    }

    /// Which gate stops a move, and at which step: worked out from the rulebook by hand.
    #[test]
    fn a_gate_asks_for_its_requirements_in_order_for_the_complaints_it_holds_for() {
        let rulebook = Rulebook::load(Source::new("t.yaml", RULEBOOK)).unwrap();
        let quality = "event: review, role: quality, opinion: 可";
        let senior = "event: review, role: senior, opinion: 同意";
        let apology = "event: pay, kind: apology";
        // (claimed, flags, history, move, the gate that stops it: name, step missing, steps met)
        type Case<'a> = (
            &'a str,
            &'a str,
            &'a [&'a str],
            &'a str,
            Option<(&'a str, &'a str, usize)>,
        );
        let cases: [Case; 12] = [
            // General, no flag: no gate holds.
            ("100", "", &[], "close", None),
            // Major: the first review is asked for, then the second.
            (
                "5000",
                "",
                &[],
                "close",
                Some(("重大投诉审批", "review", 0)),
            ),
            (
                "5000",
                "",
                &[quality],
                "close",
                Some(("重大投诉审批", "review", 1)),
            ),
            ("5000", "", &[quality, senior], "close", None),
            // Out of order: the senior review before the quality one does not count.
            (
                "5000",
                "",
                &[senior, quality],
                "close",
                Some(("重大投诉审批", "review", 1)),
            ),
            // A move the gate does not guard.
            ("5000", "", &[], "feedback", None),
            // The privacy gate holds by its condition, for close and any payment …
            (
                "100",
                "privacy",
                &[],
                "pay.refund",
                Some(("隐私投诉道歉", "pay.apology", 0)),
            ),
            // … but not for the apology itself: the move that is the step asked for goes through.
            ("100", "privacy", &[], "pay.apology", None),
            // A reopen starts the handling anew: the reviews before it do not count.
            (
                "5000",
                "",
                &[
                    quality,
                    senior,
                    "event: close, outcome: 已处理",
                    "event: reopen, reason: 不满意",
                ],
                "close",
                Some(("重大投诉审批", "review", 0)),
            ),
            (
                "5000",
                "",
                &[
                    quality,
                    senior,
                    "event: close, outcome: 已处理",
                    "event: reopen, reason: 不满意",
                    quality,
                    senior,
                ],
                "close",
                None,
            ),
            (
                "100",
                "privacy",
                &["event: pay, kind: refund"],
                "close",
                Some(("隐私投诉道歉", "pay.apology", 0)),
            ),
            // Both gates: the first in the rulebook's order stops it first.
            (
                "5000",
                "privacy",
                &[apology],
                "close",
                Some(("重大投诉审批", "review", 0)),
            ),
        ];
        for (claimed, flags, history, move_name, want) in cases {
            let c = complaint(claimed, flags, history);
            let state = crate::state::State::of(&c);
            let standing = classify::standing(&c, &state, &rulebook);
            let got = unmet(&c, &standing, &rulebook, &action(move_name))
                .map(|u| (u.gate.name.as_str(), u.missing.event.as_str(), u.met));
            assert_eq!(got, want, "{claimed} {flags:?} {history:?} {move_name}");
        }
        // The role a reviewer holding both is asked for next.
        let c = complaint("5000", "", &[quality]);
        let roles = ["quality".to_string(), "senior".to_string()];
        assert_eq!(
            role_wanted(&c, &rulebook, &roles).as_deref(),
            Some("senior")
        );
    }

    #[test]
    fn rules_check_refuses_gates_it_cannot_keep() {
        let problems = |text: &str| {
            let err = Rulebook::load(Source::new("t.yaml", text)).unwrap_err();
            format!("{:?}", miette::Report::new(err))
        };
        let v1 = RULEBOOK.replace("format: 2\n", "");
        assert!(problems(&v1).contains("`gates` is a key of rulebook format 2"));
        let role = RULEBOOK.replace("{event: pay.apology}", "{event: pay.apology, role: senior}");
        assert!(
            problems(&role).contains(
                "`pay.apology` records no role, so gate `隐私投诉道歉` cannot ask for one"
            ),
            "{}",
            problems(&role)
        );
        let undeclared = RULEBOOK.replace("role: senior}", "role: seniour}");
        assert!(problems(&undeclared).contains("`seniour` is not a declared ladder level or role"));
        let unknown = RULEBOOK.replace("before: [close, pay]", "before: [closed]");
        assert!(problems(&unknown).contains("`closed` is not a declared event"));
    }
}
