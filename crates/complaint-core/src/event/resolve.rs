//! `resolve`: a semantic conflict between two desks' merged histories settled.

use serde::{Deserialize, Serialize};

use super::{Context, Kind, when};
use crate::error::{Error, Refusal};
use crate::said;
use crate::model::Timestamp;
use crate::rulebook::Rulebook;

/// A semantic conflict settled: after two desks' histories were merged, the `conflict` event
/// written at `conflict_at` by `conflict_by` was no longer legal given the other desk's
/// events. `keep: false` takes it out of the replay (it stays in the history); `keep: true`
/// lets it stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolve {
    /// The name of the conflicting event (`close`, `escalate`).
    pub conflict: String,
    /// When the conflicting event was written.
    pub conflict_at: Timestamp,
    /// Who wrote the conflicting event.
    pub conflict_by: String,
    /// Whether the conflicting event stands (`true`) or is taken out of the replay (`false`).
    pub keep: bool,
    /// Why it was settled this way.
    pub reason: String,
}

impl Resolve {
    fn kept(&self) -> &'static str {
        if self.keep { "kept" } else { "dropped" }
    }
}

impl Kind for Resolve {
    const NAME: &'static str = "resolve";
    const VERB: &'static str = "resolve a conflict on";
    const VERB_ZH: &'static str = "解决冲突";
    // Settling a merge is about the record, not the handling a rulebook describes.
    const IN_RULEBOOKS: bool = false;
    type Request = Resolve;

    fn decide(request: Resolve, cx: &Context) -> Result<Resolve, Error> {
        cx.blank(said!("reason", "原因"), &request.reason)?;
        let Resolve {
            conflict,
            conflict_at,
            conflict_by,
            ..
        } = &request;
        let Some(event) = cx.complaint.history.iter().find(|e| {
            e.at == *conflict_at && e.by == *conflict_by && e.action.name() == conflict
        }) else {
            return Err(cx.refuse(
                Refusal::NoConflict,
                {
                    let at = crate::model::to_second(conflict_at);
                    said!(
                        "it has no `{conflict}` event by {conflict_by} at {at}",
                        "投诉中没有 {conflict_by} 于 {at} 记录的 `{conflict}` 事件"
                    )
                },
                said!(
                    "checking the book lists the conflicts to resolve",
                    "检查投诉簿可列出待解决的冲突"
                ),
            ));
        };
        if cx.complaint.is_resolved(event) {
            return Err(cx.refuse(
                Refusal::NoConflict,
                said!(
                    "the conflict on its `{conflict}` event is already resolved",
                    "其 `{conflict}` 事件上的冲突已解决"
                ),
                None,
            ));
        }
        Ok(request)
    }

    fn request(&self) -> Resolve {
        self.clone()
    }

    fn describe(&self, by: &str, _: &Rulebook) -> String {
        format!(
            "conflict resolved by {by}: {}'s {} {}",
            self.conflict_by,
            self.conflict,
            self.kept()
        )
    }

    fn details(&self, _: &Rulebook) -> String {
        format!(
            "{} by {} at {} {}: {}",
            self.conflict,
            self.conflict_by,
            when(&self.conflict_at),
            self.kept(),
            self.reason
        )
    }
}
