//! `corrective`: an internal measure taken because of a complaint — a warning or punishment for
//! the staff member at fault (S4 tier 2: 对于被投诉客服及其他相关人员,给予相应警告或惩罚), or a
//! corrective action on the process. Internal: never on the documents sent to the customer. A
//! rulebook's gates may require one (`corrective.disciplinary`).

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::Error;
use crate::rulebook::Rulebook;
use crate::said;

/// What kind of measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A warning or punishment for a member of staff.
    Disciplinary,
    /// A change to a process, a product or a rule, so that it does not happen again.
    Corrective,
}

impl Measure {
    /// The measure as records and rulebooks write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Disciplinary => "disciplinary",
            Measure::Corrective => "corrective",
        }
    }
}

/// An internal measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Corrective {
    /// Disciplinary (a person) or corrective (a process).
    pub measure: Measure,
    /// The member of staff it concerns, for a disciplinary measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
    /// What was done.
    pub text: String,
}

impl Kind for Corrective {
    const NAME: &'static str = "corrective";
    const VERB: &'static str = "record a measure on";
    const VERB_ZH: &'static str = "记录内部处理措施";
    const ALSO: &'static [&'static str] = &["corrective.disciplinary", "corrective.corrective"];
    type Request = Corrective;

    fn decide(request: Corrective, cx: &Context) -> Result<Corrective, Error> {
        cx.blank(said!("measure", "处理措施"), &request.text)?;
        Ok(request)
    }

    fn request(&self) -> Corrective {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        match self.measure {
            Measure::Disciplinary => format!("disciplinary measure recorded by {by}"),
            Measure::Corrective => format!("corrective action recorded by {by}"),
        }
    }

    fn details(&self, _: &Rulebook) -> String {
        super::parts([
            Some(self.measure.as_str().to_string()),
            self.staff.clone(),
            Some(self.text.clone()),
        ])
    }

    fn is_also(&self, kind: &str) -> bool {
        kind.strip_prefix("corrective.") == Some(self.measure.as_str())
    }
}
