//! `offer`, `approve`, `dispute`, `agree`, `pay`, `mediate`, `ruling`, `recover`: the remedy,
//! its approvals and the money.

use complaint::ledger::Needed;
use complaint::{Error, Request};

use super::{act, apply};
use crate::cli::messages::{say, t};
use crate::cli::{Exit, Format, Global};

/// Propose a remedy: the rulebook's standard, or --amount up to its cap (a proposal until approved)
#[derive(Debug, clap::Args)]
pub struct OfferArgs {
    pub id: String,
    /// Offer this much instead of the standard (yuan); above the standard needs the uplift approvals
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: Option<complaint::Money>,
    /// Replace the current offer (a mistake, before anyone approved it) without spending one of
    /// the revisions the rulebook allows
    #[arg(long)]
    pub replace: bool,
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

pub fn offer(global: &Global, args: &OfferArgs) -> Result<Exit, Error> {
    let (book, complaint) = act(
        global,
        &args.id,
        Request::Offer(complaint::event::offer::Request {
            amount: args.amount,
            replace: args.replace,
        }),
    )?;
    if global.format == Format::Table
        && let Some(how) = complaint::compensation::explain_offer(&complaint, book.rulebook())
    {
        // Show how: the standard, its rule and formula, the cap, and what approval it needs.
        let t = t();
        let price = how
            .price
            .map_or(t.offer_no_price.to_string(), |p| format!("¥{p}"));
        match &how.standard_rule {
            Some(rule) => println!(
                "{}",
                say!(
                    t.offer_standard,
                    amount = how.standard,
                    rule = rule,
                    formula = how.formula,
                    price = price,
                )
            ),
            None => println!("{}", t.offer_ex_gratia),
        }
        if let Some(cap) = how.cap {
            println!("{}", say!(t.offer_cap, cap = cap));
        }
        if let Some(needed) = how.needs {
            let who = match needed {
                Needed::InOrder(role) => {
                    say!(
                        t.offer_needs_level,
                        level = book.rulebook().level_name(&role),
                        role = role,
                    )
                }
                Needed::Authority(_) => say!(t.offer_needs_authority, amount = how.amount),
            };
            println!("{}", say!(t.offer_proposal, who = who));
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
