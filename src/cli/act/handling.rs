//! `ack`, `assign`, `escalate`, `classify`, `plan`, `find`, `note`, `pause`, `resume`, `extend`,
//! `close`, `reopen`: moving a complaint through its handling.

use chrono::NaiveDate;
use complaint::{Error, Request};

use super::apply;
use crate::cli::{Exit, Global, parse_date};

/// Acknowledge a complaint: tell the customer who handles it and by when
#[derive(Debug, clap::Args)]
pub struct AckArgs {
    /// The complaint (its ID or a unique part, e.g. 7KQX)
    pub id: String,
    /// Who handles it [default: the actor]
    #[arg(long)]
    pub handler: Option<String>,
    /// How the customer reaches the handler (phone, extension, account)
    #[arg(long)]
    pub contact: String,
    /// The resolution date promised to the customer (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub promised: Option<NaiveDate>,
}

/// Give a complaint to someone to handle
#[derive(Debug, clap::Args)]
pub struct AssignArgs {
    pub id: String,
    /// The person (or team) who handles it now
    pub to: String,
}

/// Pass a complaint one level up the escalation ladder
#[derive(Debug, clap::Args)]
pub struct EscalateArgs {
    pub id: String,
    /// Why it goes up
    #[arg(long, short = 'r')]
    pub reason: String,
}

/// Add a remark to a complaint's history
#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    pub id: String,
    /// The remark
    pub text: String,
    /// Meant for the customer too: shown on the resolution report (notes are internal
    /// otherwise)
    #[arg(long)]
    pub public: bool,
}

/// Close a complaint with its outcome
#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    pub id: String,
    /// What was done, in a sentence
    #[arg(long)]
    pub outcome: String,
    /// The customer's satisfaction, 1 (very unhappy) to 5 (very happy)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub satisfaction: Option<u8>,
}

/// Open a closed complaint again
#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    pub id: String,
    /// Why
    #[arg(long, short = 'r')]
    pub reason: String,
}

/// Classify a complaint: apply the rulebook's tier and grade rules, or override them with a reason
#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    pub id: String,
    /// Override the tier
    #[arg(long)]
    pub tier: Option<String>,
    /// Override the grade
    #[arg(long)]
    pub grade: Option<String>,
    /// Why the override (required with --tier or --grade)
    #[arg(long, short = 'r')]
    pub reason: Option<String>,
}

pub fn classify(global: &Global, args: &ClassifyArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Classify(complaint::event::Classify {
            tier: args.tier.clone(),
            grade: args.grade.clone(),
            reason: args.reason.clone(),
        }),
    )
}

/// Record the solution plan (feedback clocks may run from it)
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    pub id: String,
    /// The plan, in a sentence or two
    pub summary: String,
    /// An improvement to the service (后续改进) rather than the remedy for this complaint:
    /// the resolution report lists it under improvements
    #[arg(long)]
    pub improvement: bool,
}

/// Record the investigation's findings: who is responsible, the facts, the evidence, the team
#[derive(Debug, clap::Args)]
pub struct FindArgs {
    pub id: String,
    /// Who is responsible (a responsibility code of the rulebook)
    #[arg(long)]
    pub responsibility: String,
    /// The facts found
    #[arg(long)]
    pub facts: String,
    /// Evidence: a path or reference (repeatable)
    #[arg(long = "evidence", value_name = "REF")]
    pub evidence: Vec<String>,
    /// The lead handler ("1" of 1+N) [default: the actor]
    #[arg(long)]
    pub lead: Option<String>,
    /// A department involved ("N" of 1+N; repeatable)
    #[arg(long = "department", value_name = "DEPT")]
    pub departments: Vec<String>,
    /// The customer's loss the investigation verified, in yuan (a standard may give it:
    /// `remedy: {loss: true}`)
    #[arg(long, value_name = "AMOUNT")]
    pub loss: Option<complaint::Money>,
    /// How late the service complained about was, in elapsed time (30h, 2d): a standard may
    /// depend on it (`delay: {fact: service_delay, over: 24h}`)
    #[arg(long, value_name = "DURATION")]
    pub service_delay: Option<complaint::duration::Duration>,
}

/// Pause the clocks that wait (e.g. for the customer's evidence)
#[derive(Debug, clap::Args)]
pub struct PauseArgs {
    pub id: String,
    /// What it waits for
    #[arg(long, short = 'r')]
    pub reason: String,
}

/// Let paused clocks run again
#[derive(Debug, clap::Args)]
pub struct ResumeArgs {
    pub id: String,
    #[arg(long, short = 'r')]
    pub reason: Option<String>,
}

/// Extend a clock's limit, as an approver the rulebook allows (e.g. 15wd to 30wd)
#[derive(Debug, clap::Args)]
pub struct ExtendArgs {
    pub id: String,
    /// The clock (its id in the rulebook; `complaint explain ID` lists them)
    #[arg(long)]
    pub clock: String,
    /// The new limit, e.g. 30wd
    #[arg(long, value_name = "DURATION")]
    pub to: complaint::duration::Duration,
    /// Why it needs longer
    #[arg(long, short = 'r')]
    pub reason: String,
}

pub fn plan(global: &Global, args: &PlanArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Plan(complaint::event::Plan {
            summary: args.summary.clone(),
            improvement: args.improvement,
        }),
    )
}

pub fn find(global: &Global, args: &FindArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Find(complaint::event::find::Request {
            responsibility: args.responsibility.clone(),
            facts: args.facts.clone(),
            evidence: args.evidence.clone(),
            lead: args.lead.clone(),
            departments: args.departments.clone(),
            loss: args.loss,
            service_delay: args.service_delay,
        }),
    )
}

pub fn pause(global: &Global, args: &PauseArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Pause(complaint::event::Pause {
            reason: args.reason.clone(),
        }),
    )
}

pub fn resume(global: &Global, args: &ResumeArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Resume(complaint::event::Resume {
            reason: args.reason.clone(),
        }),
    )
}

pub fn extend(global: &Global, args: &ExtendArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Extend(complaint::event::Extend {
            clock: args.clock.clone(),
            to: args.to,
            reason: args.reason.clone(),
        }),
    )
}

pub fn ack(global: &Global, args: &AckArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Ack(complaint::event::ack::Request {
            handler: args.handler.clone(),
            contact: args.contact.clone(),
            promised: args.promised,
        }),
    )
}

pub fn assign(global: &Global, args: &AssignArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Assign(complaint::event::Assign {
            to: args.to.clone(),
        }),
    )
}

pub fn escalate(global: &Global, args: &EscalateArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Escalate(complaint::event::escalate::Request {
            clock: None,
            reason: args.reason.clone(),
        }),
    )
}

pub fn note(global: &Global, args: &NoteArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Note(complaint::event::Note {
            text: args.text.clone(),
            public: args.public,
        }),
    )
}

pub fn close(global: &Global, args: &CloseArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Close(complaint::event::Close {
            outcome: args.outcome.clone(),
            satisfaction: args.satisfaction,
        }),
    )
}

pub fn reopen(global: &Global, args: &ReopenArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Reopen(complaint::event::Reopen {
            reason: args.reason.clone(),
        }),
    )
}
