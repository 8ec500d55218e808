//! `approve`: an approval of the current offer, in the approver's role and within the
//! authority the ladder gives it.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::ledger::{self, Ledger};
use crate::error::{Error, Refusal};
use crate::said;
use crate::money::Money;
use crate::rulebook::Rulebook;

/// An approval of the current offer, in the approver's role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approve {
    /// The revision of the offer approved (1 for the first offer).
    pub revision: u32,
    /// The ladder level or role the approver approved in (`dept_head`).
    pub role: String,
    /// The amount of the offer approved, in yuan.
    pub amount: Money,
    /// The rulebook version the approval was given under.
    pub rulebook: String,
}

/// Approve the current offer.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {}

impl Kind for Approve {
    const NAME: &'static str = "approve";
    const VERB: &'static str = "approve the offer on";
    const VERB_ZH: &'static str = "审批赔偿方案";
    type Request = Request;

    fn decide(_: Request, cx: &Context) -> Result<Approve, Error> {
        cx.open()?;
        let rulebook = cx.rulebook;
        let actor = cx.actor;
        let ledger = Ledger::of(cx.complaint);
        let Some(offer) = ledger.offer else {
            return Err(cx.refuse(
                Refusal::NoOffer,
                said!("there is no offer to approve", "没有可审批的赔偿方案"),
                said!("make an offer first", "请先提出赔偿方案"),
            ));
        };
        cx.not_agreed(&ledger, offer.revision)?;
        let revision = offer.revision;
        let Some(needed) = ledger::next_approval(offer, &ledger.approvals, rulebook) else {
            return Err(cx.refuse(
                Refusal::FullyApproved,
                said!(
                    "offer {revision} already has every approval it needs",
                    "第 {revision} 版方案所需的审批已全部取得"
                ),
                None,
            ));
        };
        let name = actor.name;
        if ledger.approvals.iter().any(|(_, who)| who == actor.name) {
            return Err(cx.refuse(
                Refusal::SameApprover,
                said!(
                    "{name} has already approved this offer",
                    "{name}已审批过该方案"
                ),
                said!(
                    "each approval must come from another person",
                    "每一级审批须由不同的人作出"
                ),
            ));
        }
        let role = ledger::approver_role(&needed, actor.roles, rulebook).map_err(|who| {
            cx.refuse(
                Refusal::NotAuthorised,
                said!(
                    "{name} may not give this approval",
                    "{name}无权作出这项审批"
                ),
                said!(
                    "{who}; staff roles are listed in staff.yaml (or under `staff:` in complaint.yaml)",
                    "{who}；员工的角色列在 staff.yaml（或 complaint.yaml 的 `staff:`）中";
                    who
                ),
            )
        })?;
        Ok(Approve {
            revision: offer.revision,
            role,
            amount: offer.amount,
            rulebook: rulebook.version().to_string(),
        })
    }

    fn request(&self) -> Request {
        Request {}
    }

    fn describe(&self, by: &str, rulebook: &Rulebook) -> String {
        format!(
            "offer {} approved by {by} as {}",
            self.revision,
            rulebook.level_name(&self.role)
        )
    }

    fn details(&self, rulebook: &Rulebook) -> String {
        format!(
            "#{} ¥{} as {}",
            self.revision,
            self.amount,
            rulebook.level_name(&self.role)
        )
    }
}
