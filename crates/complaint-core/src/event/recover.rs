//! `recover`: the merchant repaid the mall part of what the mall paid in advance for it.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::ledger::Ledger;
use crate::error::{Error, Refusal};
use crate::said;
use crate::money::Money;
use crate::rulebook::Rulebook;

/// The merchant repaid the mall part of what it paid in advance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recover {
    /// The merchant that repaid, as the complaint names it.
    pub merchant: String,
    /// How much it repaid, in yuan.
    pub amount: Money,
}

/// Record that the merchant repaid `amount`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// How much the merchant repaid, in yuan; no more than it still owes.
    pub amount: Money,
}

impl Kind for Recover {
    const NAME: &'static str = "recover";
    const VERB: &'static str = "record a recovery for";
    const VERB_ZH: &'static str = "记录追偿";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Recover, Error> {
        let ledger = Ledger::of(cx.complaint);
        let Some(merchant) = cx.complaint.facts.merchant.clone() else {
            return Err(cx.refuse(
                Refusal::NoMerchant,
                said!("it names no merchant", "投诉未写明商户"),
                None,
            ));
        };
        let owed = ledger.receivable();
        let amount = request.amount;
        if amount > owed {
            return Err(cx.refuse(
                Refusal::AboveReceivable,
                said!(
                    "¥{amount} is more than the ¥{owed} {merchant} still owes",
                    "¥{amount} 超过{merchant}尚欠的 ¥{owed}"
                ),
                None,
            ));
        }
        Ok(Recover { merchant, amount })
    }

    fn request(&self) -> Request {
        Request {
            amount: self.amount,
        }
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!(
            "¥{} recovered from {}, recorded by {by}",
            self.amount, self.merchant
        )
    }

    fn details(&self, _: &Rulebook) -> String {
        format!("¥{} from {}", self.amount, self.merchant)
    }
}
