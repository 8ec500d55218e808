//! `review`: a reviewer's check of how a complaint was handled, given in a role (S2 4.2.5
//! 對投訴處理結果進行審核, 4.2.6 高級管理層對重大投訴進行審批). A rulebook's gates may require
//! reviews by roles, in order, before a move (see [`crate::gate`]).

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::{Error, Refusal};
use crate::rulebook::Rulebook;
use crate::said;

/// A review of the handling, in a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The ladder level or role the reviewer reviewed in (`senior`).
    pub role: String,
    /// The reviewer's opinion.
    pub opinion: String,
}

/// Review the handling of a complaint.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The role to review in; by default the one the next gate asks for, among the
    /// reviewer's roles, else the reviewer's first role.
    #[serde(default)]
    pub role: Option<String>,
    /// The reviewer's opinion; must not be empty.
    pub opinion: String,
}

impl Kind for Review {
    const NAME: &'static str = "review";
    const VERB: &'static str = "review";
    const VERB_ZH: &'static str = "审核";
    type Request = Request;

    fn decide(request: Request, cx: &Context) -> Result<Review, Error> {
        cx.open()?;
        cx.blank(said!("opinion", "审核意见"), &request.opinion)?;
        let name = cx.actor.name;
        let roles = cx.actor.roles;
        let help = said!(
            "staff roles are listed in staff.yaml (or under `staff:` in complaint.yaml)",
            "人员的角色列在 staff.yaml（或 complaint.yaml 的 `staff:`）中"
        );
        let role = match request.role {
            Some(role) if roles.contains(&role) => role,
            Some(role) => {
                return Err(cx.refuse(
                    Refusal::NotAuthorised,
                    said!(
                        "{name} does not hold the role `{role}`",
                        "{name}没有 `{role}` 角色"
                    ),
                    help,
                ));
            }
            None => match crate::gate::role_wanted(cx.complaint, cx.rulebook, roles)
                .or_else(|| roles.first().cloned())
            {
                Some(role) => role,
                None => {
                    return Err(cx.refuse(
                        Refusal::NotAuthorised,
                        said!("{name} has no role to review in", "{name}没有可据以审核的角色"),
                        help,
                    ));
                }
            },
        };
        Ok(Review {
            role,
            opinion: request.opinion,
        })
    }

    fn request(&self) -> Request {
        Request {
            role: Some(self.role.clone()),
            opinion: self.opinion.clone(),
        }
    }

    fn describe(&self, by: &str, rulebook: &Rulebook) -> String {
        format!("reviewed by {by} as {}", rulebook.role_name(&self.role))
    }

    fn details(&self, rulebook: &Rulebook) -> String {
        format!("{}: {}", rulebook.role_name(&self.role), self.opinion)
    }
}
