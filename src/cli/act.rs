//! The lifecycle commands: ack, assign, escalate, note, close, reopen.

use chrono::NaiveDate;
use complaint::compensation::Needed;
use complaint::{Error, Request, event};

use super::{Exit, Format, Global, parse_date};

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
}

/// Propose a remedy: the rulebook's standard, or --amount up to its cap (a proposal until approved)
#[derive(Debug, clap::Args)]
pub struct OfferArgs {
    pub id: String,
    /// Offer this much instead of the standard (yuan); above the standard needs the uplift approvals
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: Option<complaint::Money>,
}

/// Approve the current offer, in your role (the book's staff list says which)
#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    pub id: String,
}

/// Record that the customer disputes the current offer (it may then be revised)
#[derive(Debug, clap::Args)]
pub struct DisputeArgs {
    pub id: String,
    /// What the customer objects to
    #[arg(long, short = 'r')]
    pub reason: String,
}

/// Record that the customer agreed to the solution
#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    pub id: String,
    #[arg(long)]
    pub note: Option<String>,
}

/// Record that the solution was carried out (refund, coupon, goods sent, apology made)
#[derive(Debug, clap::Args)]
pub struct PayArgs {
    pub id: String,
    /// What was done: refund, coupon, goods, repair, apology …
    #[arg(long)]
    pub kind: String,
    /// How much (yuan), for money
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: Option<complaint::Money>,
    /// Payment reference or tracking number
    #[arg(long)]
    pub reference: Option<String>,
    /// Who paid, where it is not the organisation itself (e.g. merchant)
    #[arg(long, conflicts_with = "advance")]
    pub payer: Option<String>,
    /// Paid in advance for a merchant who did not pay (the rulebook names who advances)
    #[arg(long)]
    pub advance: bool,
}

/// Record the mall's mediation between customer and merchant; the rulebook decides who pays
#[derive(Debug, clap::Args)]
pub struct MediateArgs {
    pub id: String,
    /// The customer's answer to the proposed settlement
    #[arg(long, value_enum)]
    pub customer: complaint::model::Answer,
    /// The merchant's answer
    #[arg(long, value_enum)]
    pub merchant: complaint::model::Answer,
    /// What the merchant is to pay the customer (yuan)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: Option<complaint::Money>,
}

/// Record the consumer association's or court's decision after a referral
#[derive(Debug, clap::Args)]
pub struct RulingArgs {
    pub id: String,
    /// Who decided: consumer_association, court …
    #[arg(long)]
    pub body: String,
    /// What they decided
    #[arg(long)]
    pub decision: String,
    /// What the merchant is to pay (yuan)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: complaint::Money,
}

/// Record that the merchant repaid (part of) what was paid in advance for it
#[derive(Debug, clap::Args)]
pub struct RecoverArgs {
    pub id: String,
    /// How much was repaid (yuan)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: complaint::Money,
}

/// Record that the result or progress was fed back to the customer
#[derive(Debug, clap::Args)]
pub struct FeedbackArgs {
    pub id: String,
    /// What the customer was told
    pub message: String,
}

/// Record the return visit after resolution
#[derive(Debug, clap::Args)]
pub struct FollowupArgs {
    pub id: String,
    /// What the customer said
    pub comment: String,
    /// The customer's view of the solution, 1 (very unhappy) to 5 (very happy)
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub satisfaction: Option<u8>,
    /// Flag the customer as a key customer, to be watched (`list --key-customers`)
    #[arg(long)]
    pub key_customer: bool,
    /// The customer is not satisfied: reopen the complaint, with the comment as the reason
    #[arg(long)]
    pub reopen: bool,
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
        }),
    )
}

pub fn offer(global: &Global, args: &OfferArgs) -> Result<Exit, Error> {
    let (book, complaint) = act(
        global,
        &args.id,
        Request::Offer(complaint::event::offer::Request {
            amount: args.amount,
        }),
    )?;
    if global.format == Format::Table
        && let Some(how) = complaint::compensation::explain_offer(&complaint, book.rulebook())
    {
        // Show how: the standard, its rule and formula, the cap, and what approval it needs.
        let price = how.price.map_or("none".to_string(), |p| format!("¥{p}"));
        match &how.standard_rule {
            Some(rule) => println!(
                "  standard  ¥{} by `{rule}`: {} (price paid {price})",
                how.standard, how.formula
            ),
            None => println!("  standard  none applies: an ex gratia offer"),
        }
        if let Some(cap) = how.cap {
            println!("  cap       ¥{cap}");
        }
        if let Some(needed) = how.needs {
            let who = match needed {
                Needed::InOrder(role) => {
                    format!("{} ({role}) first", book.rulebook().level_name(&role))
                }
                Needed::Authority(_) => format!("someone who may approve ¥{}", how.amount),
            };
            println!("  a proposal until approved: needs {who}");
        }
    }
    Ok(Exit::Ok)
}

pub fn approve(global: &Global, args: &ApproveArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Approve(complaint::event::approve::Request {}),
    )
}

pub fn dispute(global: &Global, args: &DisputeArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Dispute(complaint::event::Dispute {
            reason: args.reason.clone(),
        }),
    )
}

pub fn agree(global: &Global, args: &AgreeArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Agree(complaint::event::agree::Request {
            note: args.note.clone(),
        }),
    )
}

pub fn pay(global: &Global, args: &PayArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Pay(complaint::event::pay::Request {
            payer: args.payer.clone(),
            advance: args.advance,
            kind: args.kind.clone(),
            amount: args.amount,
            reference: args.reference.clone(),
        }),
    )
}

pub fn mediate(global: &Global, args: &MediateArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Mediate(complaint::event::mediate::Request {
            customer: args.customer,
            merchant: args.merchant,
            amount: args.amount,
        }),
    )
}

pub fn ruling(global: &Global, args: &RulingArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Ruling(complaint::event::Ruling {
            body: args.body.clone(),
            decision: args.decision.clone(),
            amount: args.amount,
        }),
    )
}

pub fn recover(global: &Global, args: &RecoverArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Recover(complaint::event::recover::Request {
            amount: args.amount,
        }),
    )
}

pub fn feedback(global: &Global, args: &FeedbackArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Feedback(complaint::event::Feedback {
            message: args.message.clone(),
        }),
    )
}

pub fn followup(global: &Global, args: &FollowupArgs) -> Result<Exit, Error> {
    let visit = Request::Followup(complaint::event::Followup {
        comment: args.comment.clone(),
        satisfaction: args.satisfaction,
        key_customer: args.key_customer,
    });
    if !args.reopen {
        return apply(global, &args.id, visit);
    }
    // The visit and the reopening are one change, one commit.
    let book = global.book()?;
    let by = global.actor(&book)?;
    let now = global.now(&book)?;
    let id = book.resolve(&args.id)?;
    let reopen = Request::Reopen(complaint::event::Reopen {
        reason: format!("not satisfied at the return visit: {}", args.comment),
    });
    let message = format!("{id} return visit by {by}: not satisfied, reopened");
    let written = book.act_together(vec![(id.clone(), visit), (id, reopen)], &by, now, &message)?;
    let complaint = written.last().expect("both requests applied");
    done(global, &book, complaint, &message)?;
    Ok(Exit::Ok)
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

/// Resolves the ID, applies the request, and says what happened.
fn apply(global: &Global, query: &str, request: Request) -> Result<Exit, Error> {
    act(global, query, request).map(|_| Exit::Ok)
}

/// Resolves the ID, applies the request, says what happened, and hands back the book and the
/// complaint as written.
pub(super) fn act(
    global: &Global,
    query: &str,
    request: Request,
) -> Result<(complaint::Book, complaint::Complaint), Error> {
    let book = global.book()?;
    let by = global.actor(&book)?;
    let now = global.now(&book)?;
    let id = book.resolve(query)?;
    let complaint = book.act(&id, request, &by, now)?;
    let event = complaint.history.last().expect("an event was appended");
    let said = event::describe(&complaint, event, book.rulebook());
    done(global, &book, &complaint, &said)?;
    Ok((book, complaint))
}

/// Says what a command did: the line `said`, or with --format json|yaml the record as written
/// (masked).
fn done(
    global: &Global,
    book: &complaint::Book,
    complaint: &complaint::Complaint,
    said: &str,
) -> Result<(), Error> {
    match global.format {
        Format::Table | Format::Csv | Format::Html => {
            println!("{said}");
            Ok(())
        }
        Format::Yaml | Format::Json => {
            super::read::print_one(global, book, &super::read::shown(complaint, false))
        }
    }
}
