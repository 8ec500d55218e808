//! `reveal`: personal data shown unmasked, on file.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::Error;
use crate::said;
use crate::rulebook::Rulebook;

/// Personal data of this complaint was shown unmasked (`--reveal`), to `by`, by a command:
/// S4 forbids telling a complaint to people not involved, so every disclosure is on file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reveal {
    /// The command that showed it, without `complaint` (`show`).
    pub command: String,
}

impl Kind for Reveal {
    const NAME: &'static str = "reveal";
    const VERB: &'static str = "reveal the personal data of";
    const VERB_ZH: &'static str = "查看个人信息";
    type Request = Reveal;

    fn decide(request: Reveal, cx: &Context) -> Result<Reveal, Error> {
        cx.blank(said!("command", "命令"), &request.command)?;
        Ok(request)
    }

    fn request(&self) -> Reveal {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("personal data shown to {by} by `complaint {}`", self.command)
    }

    fn details(&self, _: &Rulebook) -> String {
        format!("`complaint {}`", self.command)
    }
}
