//! `agree`: the customer agreed to the solution; money is due within the rulebook's limit.

use serde::{Deserialize, Serialize};

use super::{Context, Kind, parts};
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::said;
use crate::rulebook::Rulebook;

/// The customer agreed to the solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agree {
    /// What the customer said, if it was written down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The offer agreed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
}

/// Record the customer's agreement to the current offer (or to a solution without money).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// What the customer said, if it is to be written down.
    pub note: Option<String>,
}

impl Kind for Agree {
    const NAME: &'static str = "agree";
    const VERB: &'static str = "record the customer's agreement to";
    const VERB_ZH: &'static str = "记录客户同意";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Agree, Error> {
        cx.open()?;
        let ledger = Ledger::of(cx.complaint);
        if let Some(offer) = ledger.offer {
            if ledger.disputes >= ledger.offers {
                return Err(cx.refuse(
                    Refusal::OfferDisputed,
                    said!(
                        "the customer disputed the current offer",
                        "客户对当前赔偿方案有异议"
                    ),
                    said!("make a revised offer first", "请先提出修改后的方案"),
                ));
            }
            if !ledger.approved(cx.rulebook) {
                let revision = offer.revision;
                return Err(cx.refuse(
                    Refusal::NotApproved,
                    said!(
                        "offer {revision} is a proposal until it is approved",
                        "第 {revision} 版方案在审批通过前只是提议"
                    ),
                    said!(
                        "nothing may be promised before the decision: get the approvals first",
                        "审批决定之前不得向客户作出承诺：请先取得审批"
                    ),
                ));
            }
        }
        Ok(Agree {
            note: request.note,
            revision: ledger.offer.map(|o| o.revision),
        })
    }

    fn request(&self) -> Request {
        Request {
            note: self.note.clone(),
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("solution agreed, recorded by {by}")
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        parts([
            self.revision.map(|r| format!("offer #{r}")),
            self.note.clone(),
        ])
    }
}
