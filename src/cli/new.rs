//! `complaint new`

use std::io::Read;
use std::path::PathBuf;

use complaint::model::SubjectKind;
use complaint::{Complaint, Error, Intake, Money, Source};

use super::messages::{say, t};
use super::{Exit, Global};

/// Register a complaint from flags, an intake document (--from), or both (flags win)
///
/// The rulebook says which fields are required; everything missing is listed at once and
/// nothing is written. Prints the new record (read it back to the customer to confirm).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An intake document, YAML or JSON (`-` reads standard input)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// How it came in (a channel code of the rulebook)
    #[arg(long)]
    pub channel: Option<String>,
    /// What kind of problem (a category code of the rulebook, e.g. CQ01)
    #[arg(long)]
    pub category: Option<String>,
    /// The customer's name
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// The customer's account or user name
    #[arg(long)]
    pub account: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// What kind of thing is complained about
    #[arg(long, value_enum, value_name = "KIND")]
    pub subject_kind: Option<SubjectKind>,
    /// What exactly is complained about (product, service, store, person)
    #[arg(long, value_name = "NAME")]
    pub subject: Option<String>,
    /// Order number
    #[arg(long)]
    pub order: Option<String>,
    /// The mall merchant complained about
    #[arg(long)]
    pub merchant: Option<String>,
    /// The department that handed the complaint over, where the customer raised it there first
    #[arg(long, value_name = "DEPT")]
    pub referred_by: Option<String>,
    /// When it happened, in the customer's words
    #[arg(long, value_name = "WHEN")]
    pub happened: Option<String>,
    /// Where it happened
    #[arg(long)]
    pub place: Option<String>,
    /// The day the customer knew of the harm (YYYY-MM-DD), for limitation periods
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub known_at: Option<chrono::NaiveDate>,
    /// What happened
    #[arg(long, short = 'm', allow_hyphen_values = true)]
    pub description: Option<String>,
    /// What the customer wants
    #[arg(long, allow_hyphen_values = true)]
    pub demand: Option<String>,
    /// Evidence: a path or reference (repeatable)
    #[arg(long = "evidence", value_name = "REF")]
    pub evidence: Vec<String>,
    /// Price paid (yuan: 500, 500.00, ¥500, 1,234.50)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub price: Option<Money>,
    /// Amount the customer claims
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub claimed: Option<Money>,
    /// A flag the rulebook declares, e.g. safety (repeatable)
    #[arg(long = "flag", value_name = "FLAG")]
    pub flags: Vec<String>,
    /// When it was received [default: now]
    #[arg(long, value_name = "TIME")]
    pub received_at: Option<String>,
    /// A complaint this one is linked to (its ID or a unique part; repeatable)
    #[arg(long = "link", value_name = "ID")]
    pub links: Vec<String>,
    /// The complaint this one repeats (its ID or a unique part)
    #[arg(long, value_name = "ID")]
    pub duplicate_of: Option<String>,
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    let book = global.book()?;
    let by = global.actor(&book)?;
    let now = global.now(&book)?;
    let mut intake = match &args.from {
        Some(path) => read_intake(path)?,
        None => Intake::default(),
    };
    merge(&mut intake, args, book.rulebook().zone())?;
    // Related complaints are named as the desk types IDs, and recorded whole.
    for query in &args.links {
        intake.facts.links.push(book.resolve(query)?.to_string());
    }
    if let Some(query) = &args.duplicate_of {
        intake.facts.duplicate_of = Some(book.resolve(query)?.to_string());
    }
    let customer = intake.facts.customer.clone();
    let complaint = book.create(intake, &by, now)?;
    // Unmasked: it is what the person at the desk has just typed, read back to the customer
    // (in a book that encrypts, as typed, not as sealed).
    let mut typed = complaint.clone();
    if typed.facts.customer.sealed.is_some() {
        typed.facts.customer = customer;
    }
    super::read::print_one(global, &book, &typed)?;
    if global.format == super::Format::Table
        && let Some(line) = super::render::next_deadline(&complaint, book.rulebook(), now)
    {
        println!("{line}");
    }
    warn_of_open_complaints(global, &book, &complaint)?;
    Ok(Exit::Ok)
}

/// Tells the desk (on stderr, so the record printed stays clean) that the same customer has
/// complaints open already: often the caller is chasing one of them.
fn warn_of_open_complaints(
    global: &Global,
    book: &complaint::Book,
    complaint: &Complaint,
) -> Result<(), Error> {
    let Some(identity) = complaint.facts.customer.identity() else {
        return Ok(());
    };
    // The index finds the customer's complaints without reading the book.
    let scan = book.select_recent(&complaint::index::Narrow {
        customer: Some(identity),
        ..Default::default()
    })?;
    let open =
        complaint::query::same_customer_open(complaint, scan.records.iter().map(|r| &r.complaint));
    // Confidential complaints the person at the desk may not read are counted, not named.
    let reader = super::access::Reader::of(global, book);
    let mut withheld = super::access::Tally::default();
    let open = withheld.keep(book, &reader, open, |c| c);
    withheld.say(&reader);
    if open.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = open.iter().map(|c| c.id.to_string()).collect();
    let who = complaint
        .facts
        .customer
        .name
        .as_deref()
        .map_or_else(|| t().this_customer.to_string(), complaint::privacy::name);
    eprintln!(
        "{}",
        say!(
            t().other_open,
            who = who,
            count = ids.len(),
            ids = ids.join(", "),
        )
    );
    Ok(())
}

fn read_intake(path: &std::path::Path) -> Result<Intake, Error> {
    // Read as bytes: text that is not UTF-8 is reported where it is, not as an I/O error.
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        (path.display().to_string(), bytes)
    };
    let source: Source = complaint::intake::document(name, bytes)?;
    complaint::parse_intake(&source)
}

/// Flags override the document's values.
fn merge(intake: &mut Intake, args: &Args, zone: chrono_tz::Tz) -> Result<(), Error> {
    let f = &mut intake.facts;
    let set = |field: &mut Option<String>, value: &Option<String>| {
        if value.is_some() {
            field.clone_from(value);
        }
    };
    set(&mut f.channel, &args.channel);
    set(&mut f.category, &args.category);
    set(&mut f.customer.name, &args.customer);
    set(&mut f.customer.phone, &args.phone);
    set(&mut f.customer.account, &args.account);
    set(&mut f.customer.email, &args.email);
    set(&mut f.customer.address, &args.address);
    set(&mut f.subject.name, &args.subject);
    set(&mut f.subject.order, &args.order);
    set(&mut f.merchant, &args.merchant);
    set(&mut f.referred_by, &args.referred_by);
    set(&mut f.happened, &args.happened);
    set(&mut f.place, &args.place);
    set(&mut f.description, &args.description);
    set(&mut f.demand, &args.demand);
    if args.subject_kind.is_some() {
        f.subject.kind = args.subject_kind;
    }
    f.known_at = args.known_at.or(f.known_at);
    f.evidence.extend(args.evidence.iter().cloned());
    f.flags.extend(args.flags.iter().cloned());
    f.price = args.price.or(f.price);
    f.claimed = args.claimed.or(f.claimed);
    if let Some(text) = &args.received_at {
        let time = complaint::calendar::parse_time(text, zone).ok_or_else(|| {
            let (message, help) = complaint::intake::time_problem(text);
            Error::invalid(
                complaint::Problem::Request,
                complaint::said!("--received-at: {message}", "--received-at：{message}"; message),
                help,
            )
        })?;
        intake.received_at = Some(time);
    }
    Ok(())
}
