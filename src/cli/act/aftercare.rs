//! `feedback` and `followup`: telling the customer, and the return visit after the close.

use complaint::{Error, Request};

use super::{apply, done};
use crate::cli::{Exit, Global};

/// Record that the result or progress was fed back to the customer
#[derive(Debug, clap::Args)]
pub struct FeedbackArgs {
    pub id: String,
    /// What the customer was told
    pub message: String,
}

/// Review how a complaint was handled, in your role: the check or approval a rulebook's gate
/// may require before a move (e.g. before a major complaint is closed)
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    pub id: String,
    /// The reviewer's opinion
    #[arg(long)]
    pub opinion: String,
    /// The role to review in [default: the one the next gate asks for, among yours]
    #[arg(long = "as", value_name = "ROLE")]
    pub role: Option<String>,
}

/// Record an internal measure: a warning or punishment for the staff member at fault, or a
/// corrective action on the process (never on the documents sent to the customer)
#[derive(Debug, clap::Args)]
pub struct CorrectiveArgs {
    pub id: String,
    /// What was done
    pub text: String,
    /// Disciplinary (a member of staff) or corrective (a process)
    #[arg(long, value_enum)]
    pub measure: complaint::event::corrective::Measure,
    /// The member of staff it concerns
    #[arg(long, value_name = "NAME")]
    pub staff: Option<String>,
}

/// Tell the customer in advance why their complaint will be late, and by when it will be done:
/// the new date is the date promised to them, which `sla` watches
#[derive(Debug, clap::Args)]
pub struct DelayNoticeArgs {
    pub id: String,
    /// Why it will be late, as the customer was told
    #[arg(long)]
    pub reason: String,
    /// The day it is now expected to be done by (YYYY-MM-DD)
    #[arg(long, value_parser = super::super::parse_date, value_name = "DATE")]
    pub expected: chrono::NaiveDate,
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

pub fn feedback(global: &Global, args: &FeedbackArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Feedback(complaint::event::Feedback {
            message: args.message.clone(),
        }),
    )
}

pub fn review(global: &Global, args: &ReviewArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Review(complaint::event::review::Request {
            role: args.role.clone(),
            opinion: args.opinion.clone(),
        }),
    )
}

pub fn corrective(global: &Global, args: &CorrectiveArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::Corrective(complaint::event::Corrective {
            measure: args.measure,
            staff: args.staff.clone(),
            text: args.text.clone(),
        }),
    )
}

pub fn delay_notice(global: &Global, args: &DelayNoticeArgs) -> Result<Exit, Error> {
    apply(
        global,
        &args.id,
        Request::DelayNotice(complaint::event::DelayNotice {
            reason: args.reason.clone(),
            expected: args.expected,
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
    let now = global.when(&book)?;
    let id = book.resolve(&args.id)?;
    crate::cli::access::Reader::of(global, &book).check_id(&book, &id)?;
    let reopen = Request::Reopen(complaint::event::Reopen {
        reason: format!("not satisfied at the return visit: {}", args.comment),
    });
    let message = format!("{id} return visit by {by}: not satisfied, reopened");
    let written = book.act_together(vec![(id.clone(), visit), (id, reopen)], &by, now, &message)?;
    let complaint = written.last().expect("both requests applied");
    done(global, &book, complaint, &message)?;
    Ok(Exit::Ok)
}
