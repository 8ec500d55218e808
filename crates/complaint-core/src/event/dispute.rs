//! `dispute`: the customer disputes the current offer, which opens a revision.

use serde::{Deserialize, Serialize};

use super::offer::final_offer;
use super::{Context, Kind};
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::said;
use crate::rulebook::Rulebook;

/// The customer disputes the current offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    /// Why the customer does not accept the offer; must not be empty.
    pub reason: String,
}

impl Kind for Dispute {
    const NAME: &'static str = "dispute";
    const VERB: &'static str = "record a dispute on";
    const VERB_ZH: &'static str = "记录异议";
    type Request = Dispute;

    fn decide(request: Dispute, cx: &Context) -> Result<Dispute, Error> {
        cx.open()?;
        cx.blank(said!("reason", "原因"), &request.reason)?;
        let ledger = Ledger::of(cx.complaint);
        if ledger.offer.is_none() || ledger.disputes >= ledger.offers {
            return Err(cx.refuse(
                Refusal::NoOffer,
                said!("there is no offer to dispute", "没有可提出异议的赔偿方案"),
                None,
            ));
        }
        if let Some(agreed) = ledger
            .agreed
            .filter(|r| ledger.offer.is_some_and(|o| o.revision == *r))
        {
            return Err(cx.refuse(
                Refusal::OfferAgreed,
                said!(
                    "the customer agreed to offer #{agreed}",
                    "客户已同意第 {agreed} 版方案"
                ),
                said!(
                    "an agreed solution is carried out; record what the customer says now in a note, or reopen the complaint once it is closed",
                    "已同意的方案应予执行；客户现在的意见请记在备注中，或在结案后重新打开投诉"
                ),
            ));
        }
        final_offer(cx, &ledger)?;
        Ok(request)
    }

    fn request(&self) -> Dispute {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("offer disputed, recorded by {by}")
    }

    fn for_customer(&self) -> bool {
        true
    }

    fn details(&self, _: &Rulebook) -> String {
        self.reason.clone()
    }
}
