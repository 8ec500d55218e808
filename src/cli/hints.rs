//! The command line's own wording of what to do after a refusal: the library's help says it in
//! general terms ("reopen it first"); here it names the command or option ("reopen it first
//! with `complaint reopen`"), keyed by the refusal's code.

use complaint::{Error, Refusal};

/// The command-line hint for a refusal, where the library's help has one.
fn hint(refusal: Refusal) -> Option<&'static str> {
    Some(match refusal {
        Refusal::Closed => "reopen it first with `complaint reopen`",
        Refusal::NotAcknowledged => "acknowledge it first with `complaint ack`",
        Refusal::AlreadyAcknowledged => {
            "a complaint is acknowledged once; use `complaint note` to tell the customer more"
        }
        Refusal::NotApproved => {
            "nothing may be promised before the decision: get the approvals with `complaint approve`"
        }
        Refusal::NoOffer => "make one with `complaint offer`",
        Refusal::OverrideWithoutReason => "say why with --reason; it is recorded",
        Refusal::ReasonWithoutOverride => {
            "give --tier and/or --grade with --reason, or neither to apply the rules"
        }
        Refusal::OfferAgreed => {
            "an agreed solution is carried out; record what the customer says now with `complaint note`, or reopen the complaint once it is closed"
        }
        Refusal::TopOfLadder => {
            "the top level gives the final answer; record it with `complaint note` or `complaint close`"
        }
        Refusal::AmountRequired => "give it with --amount",
        Refusal::NoStandard => "give the amount with --amount",
        Refusal::OfferStands => "record the customer's objection with `complaint dispute` first",
        Refusal::StandardIncomputable => "record the price paid with the intake (--price)",
        Refusal::MerchantWithoutMediation => "record it with `complaint mediate`",
        Refusal::NotExtendable => {
            "reclassify it first if its grade is wrong (`complaint classify --grade … --reason …`)"
        }
        Refusal::NoConflict => "`complaint check` lists the conflicts to resolve",
        _ => return None,
    })
}

/// The error with the library's help for a refusal reworded for the command line. A refusal
/// the library gives no help for stays without one.
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
        Some(text) => err.with_help(text.to_string()),
        None => err,
    }
}
