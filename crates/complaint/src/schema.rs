//! The published JSON Schema (draft 2020-12) of everything programs exchange with `complaint`:
//! each `--format json|yaml` document, the intake document and the rulebook. Each is derived
//! from the types the program reads and writes, so it cannot drift from them; `complaint
//! schema NAME` prints one, and the repository keeps a copy of each under `schema/`.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::output::{self, Document};

/// One published schema.
#[derive(Debug, Clone, Copy)]
pub struct Published {
    /// Its name (`complaints`): `complaint schema NAME`, `schema/NAME.json`.
    pub name: &'static str,
    /// What it describes: the commands that write it, or the document a program writes.
    pub about: &'static str,
    make: fn() -> Schema,
}

impl Published {
    /// The schema, titled `complaint NAME` and described by [`Published::about`].
    pub fn schema(&self) -> Schema {
        let mut schema = (self.make)();
        schema.insert("title".into(), format!("complaint {}", self.name).into());
        schema.insert("description".into(), self.about.into());
        schema
    }
}

/// The schema of an output document with body `T`.
fn output<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Document<T>>()
}

/// The schema of a document programs give `complaint`.
fn input<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Every published schema, outputs first.
pub const ALL: &[Published] = &[
    Published {
        name: "complaint",
        about: "show, new, and the commands that record an event (ack, close, …): one complaint in full",
        make: output::<output::Full>,
    },
    Published {
        name: "complaints",
        about: "list, search: complaints in brief",
        make: output::<output::Complaints>,
    },
    Published {
        name: "export",
        about: "export --format json|yaml: complaints in full",
        make: output::<output::Export>,
    },
    Published {
        name: "sla",
        about: "sla: the deadlines that need attention",
        make: output::<output::Deadlines>,
    },
    Published {
        name: "explanation",
        about: "explain: how a complaint's classification and deadlines came about",
        make: output::<output::Explanation>,
    },
    Published {
        name: "due",
        about: "due: when a period ends",
        make: output::<output::DueTime>,
    },
    Published {
        name: "calendar",
        about: "calendar: what each day is",
        make: output::<output::CalendarDays>,
    },
    Published {
        name: "schedule-change",
        about: "calendar add-notice, calendar diff: an official schedule and what it moves",
        make: output::<crate::notice::ScheduleChange>,
    },
    Published {
        name: "report",
        about: "report: a period's figures",
        make: output::<crate::report::Report>,
    },
    Published {
        name: "receivables",
        about: "receivables: what each merchant owes for advance payments",
        make: output::<crate::report::Receivables>,
    },
    Published {
        name: "rulebooks",
        about: "rules list: the shipped rulebooks",
        make: output::<output::Rulebooks>,
    },
    Published {
        name: "rulebook-codes",
        about: "rules show: what a desk types from, each code with its name",
        make: output::<output::RulebookCodes>,
    },
    Published {
        name: "staff",
        about: "staff list: the roster, each person's roles and key fingerprints",
        make: output::<output::Staff>,
    },
    Published {
        name: "scenario-results",
        about: "rules test: each scenario's result",
        make: output::<crate::scenario::Tests>,
    },
    Published {
        name: "rules-diff",
        about: "rules diff: what a rulebook change changes",
        make: output::<crate::rulediff::RulesDiff>,
    },
    Published {
        name: "import",
        about: "import: what was registered and skipped",
        make: output::<crate::import::Outcome>,
    },
    Published {
        name: "intake",
        about: "the intake document (new --from, YAML or JSON)",
        make: input::<crate::model::Intake>,
    },
    Published {
        name: "rulebook",
        about: "the rulebook (YAML)",
        make: crate::rulebook::json_schema,
    },
];

/// The published schema called `name`.
pub fn find(name: &str) -> Option<&'static Published> {
    ALL.iter().find(|p| p.name == name)
}

/// A schema as the repository keeps it: pretty JSON, ending in a newline.
pub fn text(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a schema is JSON");
    text.push('\n');
    text
}
