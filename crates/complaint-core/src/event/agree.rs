//! `agree`: the customer agreed to the solution; money is due within the rulebook's limit.

use serde::{Deserialize, Serialize};

use super::{Context, Kind, parts};
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::rulebook::Rulebook;

/// The customer agreed to the solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Agree, Error> {
        cx.open()?;
        let ledger = Ledger::of(cx.complaint);
        if let Some(offer) = ledger.offer {
            if ledger.disputes >= ledger.offers {
                return Err(cx.refuse(
                    Refusal::OfferDisputed,
                    "the customer disputed the current offer",
                    Some("make a revised offer first".into()),
                ));
            }
            if !ledger.approved(cx.rulebook) {
                return Err(cx.refuse(
                    Refusal::NotApproved,
                    format!("offer {} is a proposal until it is approved", offer.revision),
                    Some("nothing may be promised before the decision: get the approvals first".into()),
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
