//! The kinds of event in a complaint's history, one module each.
//!
//! Each module holds everything about its kind: the data recorded, the request a user makes,
//! the decision whether the request is legal ([`Kind::decide`]), the one-line description used
//! by commit messages and confirmations, the particulars `show` lists, and the request that
//! replays a recorded event (`complaint check`). Adding a kind of event is a new module here,
//! one line in the `events!` list below, and the command that asks for it.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Refusal};
use crate::model::{Complaint, Event, Timestamp};
use crate::rulebook::Rulebook;
use crate::said;
use crate::said::Said;
use crate::state::State;

/// What every kind of event provides.
pub trait Kind: Sized {
    /// The event's name in records and rulebooks (`ack`, `escalate`).
    const NAME: &'static str;
    /// What a refusal says the actor tried to do ("acknowledge", "add a note to").
    const VERB: &'static str;
    /// The same in Chinese, as `无法{VERB_ZH} C-…` reads ("受理", "添加备注").
    const VERB_ZH: &'static str;
    /// More names a rulebook may use for events of this kind (`mediate.opinion`).
    const ALSO: &'static [&'static str] = &[];
    /// Whether rulebooks may name it (a clock's start or stop, a condition).
    const IN_RULEBOOKS: bool = true;
    /// What a user asks for; the library fills in what only it knows.
    type Request;

    /// Checks the request against the complaint, the rulebook and the actor: the event to
    /// record, or why not.
    fn decide(request: Self::Request, cx: &Context) -> Result<Self, Error>;

    /// The request that would have produced this event, so that a written history can be
    /// replayed through [`decide`] (`complaint check`).
    fn request(&self) -> Self::Request;

    /// What happened, after the complaint's ID: "acknowledged by 王芳 (handler 王芳)".
    fn describe(&self, by: &str, rulebook: &Rulebook) -> String;

    /// The event's particulars, as `show` lists them beside its name.
    fn details(&self, rulebook: &Rulebook) -> String;

    /// Whether the event belongs on the documents sent to the customer (the resolution
    /// report): what was done for them, not the desk's internal work — assignments,
    /// classifications, approvals, internal notes, pauses, the merchant repaying the mall.
    fn for_customer(&self) -> bool {
        false
    }

    /// What the event changes in the state a history leads to (most change nothing).
    fn apply(&self, _at: Timestamp, _state: &mut State) {}

    /// Whether the event is of `kind` beyond its name (`mediate.opinion`).
    fn is_also(&self, _kind: &str) -> bool {
        false
    }
}

/// Who acts, and what they may do.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// The actor's name, as events record it in `by:` (`王芳`).
    pub name: &'a str,
    /// The actor's roles in the book's staff list (ladder level codes or roles).
    pub roles: &'a [String],
}

/// What a decision sees: the complaint and the state its history leads to, the rulebook, who
/// acts and when; and the ways a decision says no.
pub struct Context<'a> {
    /// The complaint the move is asked of.
    pub complaint: &'a Complaint,
    /// The state its history leads to, before the move.
    pub state: State,
    /// The rulebook the move is judged by.
    pub rulebook: &'a Rulebook,
    /// Who makes the move.
    pub actor: Actor<'a>,
    /// When; the event is recorded at this instant.
    pub now: Timestamp,
    verb: &'static str,
    verb_zh: &'static str,
}

impl Context<'_> {
    /// The request is refused, for `reason`; `help` says what to do instead. Both are written
    /// in English and Chinese ([`said!`](crate::said!)).
    pub fn refuse(&self, refusal: Refusal, reason: Said, help: impl Into<Option<Said>>) -> Error {
        Error::Illegal {
            id: self.complaint.id.to_string(),
            action: Said::new(self.verb, self.verb_zh),
            refusal,
            reason,
            help: help.into(),
        }
    }

    /// Refuses an empty text (`what` names it).
    pub fn blank(&self, what: Said, text: &str) -> Result<(), Error> {
        if text.trim().is_empty() {
            Err(self.refuse(
                Refusal::Empty,
                said!("the {what} is empty", "{what}为空"; what),
                said!("give it some text", "请填写内容"),
            ))
        } else {
            Ok(())
        }
    }

    /// Refuses a move on the offer of `revision` once the customer has agreed to it.
    pub fn not_agreed(&self, ledger: &crate::ledger::Ledger, revision: u32) -> Result<(), Error> {
        if ledger.agreed == Some(revision) {
            return Err(self.refuse(
                Refusal::OfferAgreed,
                said!("the customer has already agreed to it", "客户已同意该方案"),
                None,
            ));
        }
        Ok(())
    }

    /// Refuses a move on a closed complaint.
    pub fn open(&self) -> Result<(), Error> {
        if self.state.status.is_open() {
            Ok(())
        } else {
            Err(self.refuse(
                Refusal::Closed,
                said!("it is closed", "投诉已结案"),
                said!("reopen it first", "请先重新打开"),
            ))
        }
    }

    /// Refuses a satisfaction score outside 1–5.
    pub fn satisfaction(&self, score: Option<u8>) -> Result<(), Error> {
        match score {
            Some(s) if !(1..=5).contains(&s) => Err(self.refuse(
                Refusal::Satisfaction,
                said!(
                    "satisfaction must be from 1 (very unhappy) to 5 (very happy)",
                    "满意度须在 1（很不满意）到 5（很满意）之间"
                ),
                None,
            )),
            _ => Ok(()),
        }
    }
}

/// A satisfaction score as `show` lists it.
fn satisfaction(score: Option<u8>) -> Option<String> {
    score.map(|s| format!("satisfaction {s}/5"))
}

/// Non-empty parts joined with ` · `, as `show` lists particulars.
fn parts(parts: impl IntoIterator<Item = Option<String>>) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// An instant as messages and `show` write it.
fn when(t: &Timestamp) -> String {
    t.format("%Y-%m-%d %H:%M %:z").to_string()
}

/// Declares the kinds of event: each `Variant => module` is a module of this folder whose type
/// `Variant` implements [`Kind`]. The list makes [`Action`] (what a record holds), [`Request`]
/// (what a user asks for) and their dispatch.
macro_rules! events {
    ($($variant:ident => $module:ident),* $(,)?) => {
        $(pub mod $module;)*
        $(pub use $module::$variant;)*

        /// Each event module's source, for tests that read what they say.
        #[cfg(test)]
        const SOURCES: &[(&str, &str)] = &[
            $((stringify!($module), include_str!(concat!(stringify!($module), ".rs"))),)*
        ];

        /// What was done. Each variant is one kind of event in a record's history; more kinds
        /// may come, so a match outside this crate needs a wildcard.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
        #[non_exhaustive]
        #[serde(tag = "event", rename_all = "snake_case")]
        pub enum Action {
            /// The complaint was registered.
            Received,
            $(
                #[doc = concat!("A `", stringify!($module), "` event (module `event::", stringify!($module), "`).")]
                $variant($variant),
            )*
        }

        /// What a user asks for. Scenario files write requests as `do: NAME` with the fields
        /// beside it.
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[non_exhaustive]
        #[serde(tag = "do", rename_all = "snake_case")]
        pub enum Request {
            $(
                #[doc = concat!("See [`", stringify!($module), "`].")]
                $variant(<$variant as Kind>::Request),
            )*
        }

        impl Action {
            /// The event's name as written in records and rulebooks (`ack`, `escalate`, …).
            pub fn name(&self) -> &'static str {
                match self {
                    Action::Received => "received",
                    $(Action::$variant(_) => <$variant as Kind>::NAME,)*
                }
            }

            /// Whether this event is of `kind`: its name, or another name its kind answers
            /// to, so that a clock can run from one mediation decision (`mediate.opinion`).
            pub fn is(&self, kind: &str) -> bool {
                self.name() == kind
                    || match self {
                        Action::Received => false,
                        $(Action::$variant(e) => e.is_also(kind),)*
                    }
            }

            /// Every event name rulebooks may refer to, and are checked against.
            pub fn names() -> Vec<&'static str> {
                let mut names = vec!["received"];
                $(
                    if <$variant as Kind>::IN_RULEBOOKS {
                        names.push(<$variant as Kind>::NAME);
                        names.extend(<$variant as Kind>::ALSO);
                    }
                )*
                names
            }

            /// The event's particulars, as `show` lists them.
            pub fn details(&self, rulebook: &Rulebook) -> String {
                match self {
                    Action::Received => String::new(),
                    $(Action::$variant(e) => e.details(rulebook),)*
                }
            }

            /// Whether the event belongs on the documents sent to the customer
            /// ([`Kind::for_customer`]); the registration does.
            pub fn for_customer(&self) -> bool {
                match self {
                    Action::Received => true,
                    $(Action::$variant(e) => e.for_customer(),)*
                }
            }

            /// Folds the event, recorded `at`, into `state`.
            pub fn apply(&self, at: Timestamp, state: &mut State) {
                match self {
                    Action::Received => {}
                    $(Action::$variant(e) => e.apply(at, state),)*
                }
            }

            /// The request that would have produced this action. `None` for the intake event.
            pub fn request(&self) -> Option<Request> {
                match self {
                    Action::Received => None,
                    $(Action::$variant(e) => Some(Request::$variant(e.request())),)*
                }
            }
        }

        impl Request {
            /// What the request tries to do, for messages ("acknowledge", "add a note to").
            pub fn verb(&self) -> &'static str {
                match self {
                    $(Request::$variant(_) => <$variant as Kind>::VERB,)*
                }
            }

            /// The same in Chinese ("受理", "添加备注").
            pub fn verb_zh(&self) -> &'static str {
                match self {
                    $(Request::$variant(_) => <$variant as Kind>::VERB_ZH,)*
                }
            }

            fn decide(self, cx: &Context) -> Result<Action, Error> {
                match self {
                    $(Request::$variant(r) => $variant::decide(r, cx).map(Action::$variant),)*
                }
            }
        }

        /// One line for commit messages and confirmations: "C-… acknowledged by 王芳 (handler
        /// 王芳)".
        pub fn describe(complaint: &Complaint, event: &Event, rulebook: &Rulebook) -> String {
            let id = &complaint.id;
            let by = &event.by;
            let what = match &event.action {
                Action::Received => {
                    let category = complaint.facts.category.as_deref().unwrap_or_default();
                    let name = rulebook
                        .category(category)
                        .map_or(category, |c| c.name.as_str());
                    format!("received ({category} {name}) by {by}")
                }
                $(Action::$variant(e) => e.describe(by, rulebook),)*
            };
            format!("{id} {what}")
        }
    };
}

events! {
    Ack => ack,
    Assign => assign,
    Escalate => escalate,
    Plan => plan,
    Feedback => feedback,
    Find => find,
    Offer => offer,
    Approve => approve,
    Dispute => dispute,
    Mediate => mediate,
    Ruling => ruling,
    Recover => recover,
    Agree => agree,
    Pay => pay,
    Followup => followup,
    Reveal => reveal,
    Pause => pause,
    Resume => resume,
    Extend => extend,
    Note => note,
    Close => close,
    Reopen => reopen,
    Resolve => resolve,
    Classify => classify,
    Review => review,
    Corrective => corrective,
    DelayNotice => delay_notice,
}

/// Checks `request` and turns it into the action to record at `now`, or says why not.
pub fn decide(
    complaint: &Complaint,
    rulebook: &Rulebook,
    actor: Actor,
    now: Timestamp,
    request: Request,
) -> Result<Action, Error> {
    let cx = Context {
        complaint,
        state: State::of(complaint),
        rulebook,
        actor,
        now,
        verb: request.verb(),
        verb_zh: request.verb_zh(),
    };
    request.decide(&cx)
}

/// [`decide`], then the rulebook's gates: a move a gate guards is refused until what it asks
/// for has happened (see [`crate::gate`]). What the commands and scenarios ask, and the replay
/// of a complaint received under the rulebook's current version (`complaint check`).
pub fn decide_gated(
    complaint: &Complaint,
    rulebook: &Rulebook,
    actor: Actor,
    now: Timestamp,
    request: Request,
) -> Result<Action, Error> {
    let action_said = Said::new(request.verb(), request.verb_zh());
    let action = decide(complaint, rulebook, actor, now, request)?;
    let state = State::of(complaint);
    let standing = crate::classify::standing(complaint, &state, rulebook);
    let Some(unmet) = crate::gate::unmet(complaint, &standing, rulebook, &action) else {
        return Ok(action);
    };
    let (gate, missing) = (&unmet.gate.name, &unmet.missing.event);
    let (met, of) = (unmet.met, unmet.gate.require.len());
    let id = &complaint.id;
    let roles = &unmet.missing.roles;
    let who = (!roles.is_empty()).then(|| {
        let names: Vec<String> = roles.iter().map(|r| rulebook.role_name(r)).collect();
        names.join(" / ")
    });
    let reason = match &who {
        Some(who) => said!(
            "`{gate}` asks for `{missing}` by {who} first ({met} of {of} steps done)",
            "「{gate}」要求先由 {who} 完成 `{missing}`（已完成 {met}/{of} 步）"
        ),
        None => said!(
            "`{gate}` asks for `{missing}` first ({met} of {of} steps done)",
            "「{gate}」要求先完成 `{missing}`（已完成 {met}/{of} 步）"
        ),
    };
    let help = match &who {
        Some(who) => said!(
            "record it first, by someone in the role {who} (staff roles are listed in staff.yaml, or under `staff:` in complaint.yaml)",
            "请先由担任 {who} 角色的人完成并记录（人员角色列在 staff.yaml 或 complaint.yaml 的 `staff:` 中）"
        ),
        None => said!("record it first", "请先完成并记录"),
    };
    Err(Error::Illegal {
        id: id.to_string(),
        action: action_said,
        refusal: Refusal::Gate,
        reason,
        help: Some(help),
    })
}

/// The request that would have produced a recorded action (see [`Action::request`]).
pub fn request_for(action: &Action) -> Option<Request> {
    action.request()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Refusal;
    use crate::source::Source;

    /// Why a request is refused (a complaint of CQ03 with `history` after its registration).
    fn refusal(history: &str, request: &str) -> Option<Refusal> {
        decided("CQ03", "", history, request)
            .err()
            .and_then(|e| e.refusal())
    }

    const ACKED: &str = "- {at: \"2026-11-10T12:00:00+08:00\", by: 王芳, event: ack, handler: 王芳, contact: \"400\"}";
    const CLOSED: &str = "- {at: \"2026-11-10T12:00:00+08:00\", by: 王芳, event: ack, handler: 王芳, contact: \"400\"}
- {at: \"2026-11-11T12:00:00+08:00\", by: 王芳, event: close, outcome: 已退货}";

    /// A program can tell refusals apart by their code, without reading the text.
    #[test]
    fn refusals_carry_their_code() {
        let cases = [
            (
                "",
                "{do: close, outcome: x}",
                Some(Refusal::NotAcknowledged),
            ),
            (
                ACKED,
                "{do: ack, contact: \"400\"}",
                Some(Refusal::AlreadyAcknowledged),
            ),
            (ACKED, "{do: note, text: \" \"}", Some(Refusal::Empty)),
            (
                ACKED,
                "{do: close, outcome: x, satisfaction: 9}",
                Some(Refusal::Satisfaction),
            ),
            (ACKED, "{do: approve}", Some(Refusal::NoOffer)),
            (ACKED, "{do: resume}", Some(Refusal::NotPaused)),
            (ACKED, "{do: reopen, reason: x}", Some(Refusal::NotClosed)),
            (
                ACKED,
                "{do: classify, grade: nonsense, reason: x}",
                Some(Refusal::Unknown),
            ),
            (
                ACKED,
                "{do: classify, grade: complex}",
                Some(Refusal::OverrideWithoutReason),
            ),
            (CLOSED, "{do: assign, to: 李娜}", Some(Refusal::Closed)),
            (
                CLOSED,
                "{do: close, outcome: x}",
                Some(Refusal::AlreadyClosed),
            ),
            (CLOSED, "{do: reopen, reason: 客户不满意}", None),
        ];
        for (history, request, want) in cases {
            assert_eq!(refusal(history, request), want, "{request}");
        }
    }

    /// A request decided under the enterprise rulebook at 2026-11-20 10:00, for a complaint of
    /// category `category` with `facts` besides and `history` after its registration.
    fn decided(category: &str, facts: &str, history: &str, request: &str) -> Result<Action, Error> {
        let text = format!(
            "id: C-20261110-5AWX5K
received_at: \"2026-11-10T11:00:00+08:00\"
rulebook: {{name: enterprise, version: \"2026.1\"}}
channel: online
category: {category}
customer: {{name: 赵六}}
subject: {{kind: product, name: 洗衣机}}
description: 退货申请被拒
demand: 退货
{facts}
history:
- {{at: \"2026-11-10T11:00:00+08:00\", by: 王芳, event: received}}
{history}"
        );
        let complaint = crate::yaml::parse(&Source::new("C.yaml", text)).unwrap();
        let rulebook = Rulebook::load_shipped("enterprise").unwrap();
        let request: Request = crate::yaml::parse(&Source::new("request", request)).unwrap();
        let now = "2026-11-20T10:00:00+08:00".parse().unwrap();
        let actor = Actor {
            name: "王芳",
            roles: &[],
        };
        decide(&complaint, &rulebook, actor, now, request)
    }

    /// A request refused (see [`decided`]).
    fn refused(category: &str, facts: &str, history: &str, request: &str) -> Error {
        decided(category, facts, history, request).unwrap_err()
    }

    /// A refusal's message and help in Chinese, as a clerk reads them.
    fn in_chinese(err: &Error) -> (String, Option<String>) {
        use crate::rulebook::Language::Zh;
        (err.message(Zh), err.help_in(Zh))
    }

    /// Refusals read in Chinese with the move's verb, the reason and the help in Chinese, and
    /// the values (IDs, times, amounts) as they are; in English they read as they always did.
    #[test]
    fn refusals_read_in_chinese() {
        /// The category, other facts, history and request; the Chinese message and help; the
        /// English message.
        type Case<'a> = (
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            Option<&'a str>,
            &'a str,
        );
        let cases: &[Case] = &[
            (
                "CQ03",
                "",
                CLOSED,
                "{do: close, outcome: x}",
                "无法结案 C-20261110-5AWX5K：投诉已结案",
                None,
                "cannot close C-20261110-5AWX5K: it is already closed",
            ),
            (
                "CQ03",
                "",
                ACKED,
                "{do: ack, contact: \"400\"}",
                "无法受理 C-20261110-5AWX5K：投诉已于 2026-11-10T12:00:00+08:00 受理",
                Some("一件投诉只受理一次；要告诉客户更多，请添加备注"),
                "cannot acknowledge C-20261110-5AWX5K: it was already acknowledged at 2026-11-10T12:00:00+08:00",
            ),
            (
                "CQ03",
                "",
                CLOSED,
                "{do: assign, to: 李娜}",
                "无法分派 C-20261110-5AWX5K：投诉已结案",
                Some("请先重新打开"),
                "cannot assign C-20261110-5AWX5K: it is closed",
            ),
            (
                "CQ03",
                "",
                ACKED,
                "{do: note, text: \" \"}",
                "无法添加备注 C-20261110-5AWX5K：备注为空",
                Some("请填写内容"),
                "cannot add a note to C-20261110-5AWX5K: the note is empty",
            ),
            (
                "CQ03",
                "",
                "",
                "{do: close, outcome: x}",
                "无法结案 C-20261110-5AWX5K：投诉尚未受理",
                Some("请先受理"),
                "cannot close C-20261110-5AWX5K: it has not been acknowledged",
            ),
            // 120 + max(3 × 120, 500) = 620, its compensation raised by at most 30 %:
            // 120 + 650 = 770.
            (
                "CQ01",
                "price: \"120\"",
                "- {at: \"2026-11-10T12:00:00+08:00\", by: 王芳, event: ack, handler: 王芳, contact: \"400\"}
- {at: \"2026-11-10T13:00:00+08:00\", by: 王芳, event: find, responsibility: enterprise, facts: 属实, lead: 王芳}",
                "{do: offer, amount: \"771\"}",
                "无法提出赔偿方案 C-20261110-5AWX5K：¥771.00 超出上限 ¥770.00（标准 620.00，其中补偿部分至多上浮 30%）",
                Some("赔偿金额不得超过上限；特殊案例须另用规则"),
                "cannot make an offer on C-20261110-5AWX5K: ¥771.00 is above the cap of ¥770.00 (the standard 620.00, its compensation raised by at most 30 %)",
            ),
            (
                "CQ03",
                "",
                ACKED,
                "{do: classify, grade: nonsense, reason: x}",
                "无法定级 C-20261110-5AWX5K：`nonsense` 不是规则中的等级",
                Some("等级：ordinary, complex"),
                "cannot classify C-20261110-5AWX5K: `nonsense` is not a grade of the rulebook",
            ),
        ];
        for (category, facts, history, request, zh, zh_help, en) in cases {
            let err = refused(category, facts, history, request);
            assert_eq!(
                in_chinese(&err),
                (zh.to_string(), zh_help.map(str::to_string)),
                "{request}"
            );
            assert_eq!(err.to_string(), *en, "{request}");
        }
    }

    /// The library's help says what to do in general terms; naming commands and options is
    /// the command line's (src/cli/hints.rs), so a program linking the library never tells its
    /// user to type `complaint reopen`.
    #[test]
    fn no_refusal_names_a_command_or_option() {
        for (module, source) in SOURCES {
            // A reveal records which command showed the data: that names a command by design.
            let told = |l: &&str| !l.trim_start().starts_with("//") && !l.contains("self.command");
            for line in source.lines().filter(told) {
                assert!(
                    !line.contains("`complaint ") && !line.contains(" --"),
                    "{module}.rs: {line}"
                );
            }
        }
    }
}
