//! The command line's own wording of what to do after a refusal: the library's help says it in
//! general terms ("reopen it first"); here it names the command or option ("reopen it first
//! with `complaint reopen`"), keyed by the refusal's code, in English and in Chinese.

use complaint::{Error, Refusal, Said};

/// The command-line hint for a refusal, where the library's help has one: in English, and
/// beside it in Chinese.
fn hint(refusal: Refusal) -> Option<(&'static str, &'static str)> {
    Some(match refusal {
        Refusal::Closed => (
            "reopen it first with `complaint reopen`",
            "请先用 `complaint reopen` 重新打开",
        ),
        Refusal::NotAcknowledged => (
            "acknowledge it first with `complaint ack`",
            "请先用 `complaint ack` 受理",
        ),
        Refusal::AlreadyAcknowledged => (
            "a complaint is acknowledged once; use `complaint note` to tell the customer more",
            "一件投诉只受理一次；要告诉客户更多，请用 `complaint note`",
        ),
        Refusal::NotApproved => (
            "nothing may be promised before the decision: get the approvals with `complaint approve`",
            "审批决定之前不得向客户作出承诺：请用 `complaint approve` 取得审批",
        ),
        Refusal::NoOffer => (
            "make one with `complaint offer`",
            "请用 `complaint offer` 提出赔偿方案",
        ),
        Refusal::OverrideWithoutReason => (
            "say why with --reason; it is recorded",
            "请用 --reason 说明原因；原因会被记录",
        ),
        Refusal::ReasonWithoutOverride => (
            "give --tier and/or --grade with --reason, or neither to apply the rules",
            "请连同 --reason 给出 --tier 和/或 --grade，或两者都不给以按规则判定",
        ),
        Refusal::OfferAgreed => (
            "an agreed solution is carried out; record what the customer says now with `complaint note`, or reopen the complaint once it is closed",
            "已同意的方案应予执行；客户现在的意见请用 `complaint note` 记录，或在结案后重新打开投诉",
        ),
        Refusal::TopOfLadder => (
            "the top level gives the final answer; record it with `complaint note` or `complaint close`",
            "最高一级作出最终答复；请用 `complaint note` 记录或用 `complaint close` 结案",
        ),
        Refusal::AmountRequired => ("give it with --amount", "请用 --amount 给出金额"),
        Refusal::NoStandard => ("give the amount with --amount", "请用 --amount 给出金额"),
        Refusal::OfferStands => (
            "record the customer's objection with `complaint dispute` first",
            "请先用 `complaint dispute` 记录客户的异议",
        ),
        Refusal::StandardIncomputable => (
            "record the price paid with the intake (--price), or the loss the investigation verified with `complaint find --loss`",
            "请在登记信息中记录实付价格（--price），或用 `complaint find --loss` 记录调查核实的损失",
        ),
        Refusal::BelowStandard => (
            "offer at least the standard; `complaint offer` without --amount offers it",
            "赔偿金额不得低于标准；`complaint offer` 不写 --amount 即按标准提出",
        ),
        Refusal::Gate => (
            "record the step first: a review with `complaint review --opinion`, a payment of a kind (pay.KIND) with `complaint pay --kind`, an internal measure (corrective.MEASURE) with `complaint corrective --measure`, any other event with its command",
            "请先记录这一步：审核用 `complaint review --opinion`，某类执行（pay.KIND）用 `complaint pay --kind`，内部处理措施（corrective.MEASURE）用 `complaint corrective --measure`，其他事件用相应命令",
        ),
        Refusal::MerchantWithoutMediation => (
            "record it with `complaint mediate`",
            "请用 `complaint mediate` 记录调解",
        ),
        Refusal::NotExtendable => (
            "reclassify it first if its grade is wrong (`complaint classify --grade … --reason …`)",
            "如果等级有误，请先重新定级（`complaint classify --grade … --reason …`）",
        ),
        Refusal::NoConflict => (
            "`complaint check` lists the conflicts to resolve",
            "`complaint check` 列出待解决的冲突",
        ),
        _ => return None,
    })
}

/// The error with the library's help for a refusal reworded for the command line, in both
/// languages (the report is shown in the interface's). A refusal the library gives no help
/// for stays without one.
pub fn worded(err: Error) -> Error {
    let hint = match &err {
        Error::Illegal {
            refusal,
            help: Some(_),
            ..
        } => hint(*refusal),
        _ => None,
    };
    match hint {
        Some((en, zh)) => err.with_help(Said::new(en, zh)),
        None => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal, so that a new one is considered here too.
    const REFUSALS: &[Refusal] = &[
        Refusal::Closed,
        Refusal::NotAcknowledged,
        Refusal::AlreadyAcknowledged,
        Refusal::AlreadyClosed,
        Refusal::NotClosed,
        Refusal::NotResolved,
        Refusal::Paused,
        Refusal::NotPaused,
        Refusal::PromisedInThePast,
        Refusal::PromisedAfterDeadline,
        Refusal::NothingPauses,
        Refusal::Empty,
        Refusal::Satisfaction,
        Refusal::TopOfLadder,
        Refusal::Unknown,
        Refusal::OverrideWithoutReason,
        Refusal::ReasonWithoutOverride,
        Refusal::NoOffer,
        Refusal::OfferStands,
        Refusal::OfferFinal,
        Refusal::OfferDisputed,
        Refusal::OfferAgreed,
        Refusal::NotApproved,
        Refusal::OfferApproved,
        Refusal::FullyApproved,
        Refusal::SameApprover,
        Refusal::NotAuthorised,
        Refusal::NoStandard,
        Refusal::StandardIncomputable,
        Refusal::AboveCap,
        Refusal::BelowStandard,
        Refusal::NoMediation,
        Refusal::NoMerchant,
        Refusal::Undecided,
        Refusal::AmountRequired,
        Refusal::NoDecision,
        Refusal::MerchantWithoutMediation,
        Refusal::Overpaid,
        Refusal::AboveReceivable,
        Refusal::NoConflict,
        Refusal::NotExtendable,
        Refusal::ExtensionOutOfRange,
        Refusal::DeadlinePassed,
        Refusal::NoDocument,
        Refusal::Gate,
    ];

    /// What a hint tells the clerk to type: the `quoted` commands and the --options.
    fn typed(hint: &str) -> Vec<&str> {
        let quoted = hint.split('`').skip(1).step_by(2);
        let options = hint
            .split(|c: char| c.is_whitespace() || "（）(),;；，".contains(c))
            .filter(|w| w.starts_with("--"));
        let mut typed: Vec<&str> = quoted.chain(options).collect();
        typed.sort_unstable();
        typed
    }

    /// Each refusal the command line words in English it words in Chinese too, naming the
    /// same commands and options.
    #[test]
    fn every_english_hint_has_a_chinese_one_naming_the_same_commands() {
        let mut hinted = 0;
        for refusal in REFUSALS {
            let Some((en, zh)) = hint(*refusal) else {
                continue;
            };
            hinted += 1;
            assert!(!en.trim().is_empty(), "{refusal:?}: no English hint");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{refusal:?}: the Chinese hint is not Chinese: {zh}"
            );
            assert_eq!(typed(en), typed(zh), "{refusal:?}: {en} / {zh}");
        }
        assert!(hinted >= 16, "only {hinted} refusals have hints");
    }
}
