//! `note`: a remark for the file.

use serde::{Deserialize, Serialize};

use super::{Context, Kind};
use crate::error::Error;
use crate::said;
use crate::rulebook::Rulebook;

/// A remark for the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The remark.
    pub text: String,
    /// Meant for the customer too (`note --public`): shown on the documents sent to them.
    /// Notes are internal otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
}

impl Kind for Note {
    const NAME: &'static str = "note";
    const VERB: &'static str = "add a note to";
    const VERB_ZH: &'static str = "添加备注";
    type Request = Note;

    fn decide(request: Note, cx: &Context) -> Result<Note, Error> {
        cx.blank(said!("note", "备注"), &request.text)?;
        Ok(request)
    }

    fn request(&self) -> Note {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!("note by {by}")
    }

    fn details(&self, _: &Rulebook) -> String {
        self.text.clone()
    }

    fn for_customer(&self) -> bool {
        self.public
    }
}
