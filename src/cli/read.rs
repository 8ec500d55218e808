//! `complaint show` and `complaint list`.

use chrono::NaiveDate;
use complaint::classify::{self, Standing};
use complaint::model::SubjectKind;
use complaint::output::{Full, Summary};
use complaint::query::{Filter, Selected};
use complaint::{Book, Complaint, Error, State, Status};
use serde::Serialize;

use super::messages::{self, say, t};
use super::render::{self, when};
use super::{Exit, Format, Global, parse_date};

/// Show one complaint: its facts, derived state and history
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The complaint (its ID or a unique part, e.g. 7KQX)
    pub id: String,
    #[command(flatten)]
    pub reveal: Reveal,
}

/// Personal data is masked (`张*`, `138****5678`) unless revealed, and every reveal is on file.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Reveal {
    /// Show names, phones, accounts, e-mails and addresses unmasked; recorded in the history
    /// of every complaint shown (and committed) before anything is printed
    #[arg(long)]
    pub reveal: bool,
}

impl Reveal {
    /// Records the reveal of `complaints` by `command` if asked for, and says how to show
    /// them. In a book that encrypts, each is opened with the actor's key first, so a reveal
    /// that cannot be shown is refused before it is recorded.
    pub fn record<'c>(
        self,
        global: &Global,
        book: &Book,
        complaints: impl IntoIterator<Item = &'c Complaint>,
        command: &str,
    ) -> Result<Shown, Error> {
        let complaints: Vec<&Complaint> = complaints.into_iter().collect();
        let shown = self.open(global, book, complaints.iter().copied())?;
        let ids: Vec<_> = complaints.iter().map(|c| c.id.clone()).collect();
        shown.record(global, book, &ids, command)?;
        Ok(shown)
    }

    /// How to show `complaints`, opened with the actor's key if revealed in a book that
    /// encrypts; nothing is recorded yet ([`Shown::record`]).
    pub fn open<'c>(
        self,
        global: &Global,
        book: &Book,
        complaints: impl IntoIterator<Item = &'c Complaint>,
    ) -> Result<Shown, Error> {
        let mut shown = Shown {
            reveal: self.reveal,
            clear: Default::default(),
        };
        if !self.reveal {
            return Ok(shown);
        }
        let complaints: Vec<&Complaint> = complaints.into_iter().collect();
        if complaints.iter().any(|c| c.facts.customer.sealed.is_some()) {
            global.key(book)?;
            for complaint in &complaints {
                let open = book.unsealed(complaint)?;
                shown
                    .clear
                    .insert(complaint.id.clone(), open.facts.customer);
            }
        }
        Ok(shown)
    }
}

/// How complaints are shown: masked, or revealed (opened, in a book that encrypts).
#[derive(Debug, Default)]
pub struct Shown {
    reveal: bool,
    clear: std::collections::HashMap<complaint::ComplaintId, complaint::model::Customer>,
}

impl Shown {
    /// Records that `command` showed these complaints' personal data, if it did.
    pub fn record(
        &self,
        global: &Global,
        book: &Book,
        ids: &[complaint::ComplaintId],
        command: &str,
    ) -> Result<(), Error> {
        if self.reveal {
            global.reveal(book, ids, command)?;
        }
        Ok(())
    }

    /// Whether personal data is shown unmasked.
    pub fn reveal(&self) -> bool {
        self.reveal
    }

    /// The complaint as it may be shown: masked unless revealed.
    pub fn of<'c>(&self, complaint: &'c Complaint) -> std::borrow::Cow<'c, Complaint> {
        if !self.reveal {
            return std::borrow::Cow::Owned(complaint::privacy::complaint(complaint));
        }
        match self.clear.get(&complaint.id) {
            Some(customer) => {
                let mut open = complaint.clone();
                open.facts.customer = customer.clone();
                std::borrow::Cow::Owned(open)
            }
            None => std::borrow::Cow::Borrowed(complaint),
        }
    }
}

/// List complaints, oldest first, with filters
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// Only these statuses (repeatable)
    #[arg(long, value_enum)]
    pub status: Vec<Status>,
    /// Only open complaints
    #[arg(long, conflicts_with = "closed")]
    pub open: bool,
    /// Only closed complaints
    #[arg(long)]
    pub closed: bool,
    #[arg(long)]
    pub tier: Option<String>,
    #[arg(long)]
    pub grade: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
    /// Who handles it
    #[arg(long)]
    pub assignee: Option<String>,
    #[arg(long)]
    pub merchant: Option<String>,
    /// What kind of thing is complained about
    #[arg(long, value_enum, value_name = "KIND")]
    pub subject_kind: Option<SubjectKind>,
    /// Received on or after this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Received on or before this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Only complaints of key customers (flagged at a return visit), all of their complaints
    #[arg(long)]
    pub key_customers: bool,
    /// Only complaints whose customer's name contains NAME
    #[arg(long, value_name = "NAME")]
    pub customer: Option<String>,
    /// Only complaints from this phone number, compared as digits (138-1234-5678, +86 138 1234
    /// 5678 and 13812345678 are one number)
    #[arg(long, value_name = "NUMBER")]
    pub phone: Option<String>,
    /// Only complaints that mention every one of these words (set by `search`)
    #[arg(skip)]
    pub words: Vec<String>,
    #[command(flatten)]
    pub reveal: Reveal,
}

/// Find complaints by what was written about them: description, demand, notes, findings,
/// plans, feedback, outcomes, return visits
///
/// Every word must appear (in any case; Chinese needs no spaces: a word is any part of the
/// text). Takes the filters of `list` too, and prints what `list` prints, masked the same way.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The words to find
    #[arg(required = true, value_name = "WORD")]
    pub words: Vec<String>,
    #[command(flatten)]
    pub list: ListArgs,
}

impl ListArgs {
    /// The records these options may choose, read through the index where they narrow it
    /// (received days, open): the complaints of one month cost that month, not the book.
    pub fn scan(&self, book: &Book, now: complaint::Timestamp) -> Result<complaint::Scan, Error> {
        book.select(&complaint::index::Narrow {
            open_at: self.open.then_some(now),
            from: self.from,
            to: self.to,
            ..Default::default()
        })
    }

    /// Reads the actor's key where these options need it: `--phone` in a book that encrypts.
    pub fn keyed(&self, global: &Global, book: &Book) -> Result<(), Error> {
        if self.phone.is_some() && book.encrypts() {
            global.key(book)?;
        }
        Ok(())
    }

    /// The scanned complaints these options choose, in the scan's order.
    pub fn select<'a>(
        &self,
        book: &Book,
        scan: &'a complaint::Scan,
    ) -> Result<Vec<Selected<'a>>, Error> {
        let complaints = scan.records.iter().map(|r| &r.complaint);
        let mut filter = self.filter(book.rulebook())?;
        if let Some(phone) = filter.phone.clone().filter(|_| book.encrypts()) {
            // Sealed numbers match by their keyed hash (the key was read by `keyed`).
            let customer = complaint::model::Customer {
                phone: Some(phone),
                ..Default::default()
            };
            filter.phone_matching = book.matching(&customer)?;
        }
        Ok(complaint::query::select(
            complaints,
            book.rulebook(),
            &filter,
        ))
    }

    /// The filter these options describe, with codes typed as names or in another case made
    /// the rulebook's codes; a value that names nothing is an error, not an empty list.
    pub fn filter(&self, rulebook: &complaint::Rulebook) -> Result<Filter, Error> {
        use complaint::rulebook::CodeList;
        let code = |typed: &Option<String>, list| {
            typed
                .as_deref()
                .map(|t| rulebook.code_for(list, t))
                .transpose()
        };
        let args = self;
        Ok(Filter {
            status: args.status.clone(),
            open: if args.open {
                Some(true)
            } else if args.closed {
                Some(false)
            } else {
                None
            },
            tier: code(&args.tier, CodeList::Tier)?,
            grade: code(&args.grade, CodeList::Grade)?,
            category: code(&args.category, CodeList::Category)?,
            channel: code(&args.channel, CodeList::Channel)?,
            assignee: args.assignee.clone(),
            merchant: args.merchant.clone(),
            subject: args.subject_kind,
            from: args.from,
            to: args.to,
            key_customers: args.key_customers,
            customer: args.customer.clone(),
            phone: args.phone.clone(),
            phone_matching: None,
            words: args.words.clone(),
        })
    }
}

/// One line of `list`.
#[derive(Serialize, Default)]
struct Row {
    id: String,
    received_at: String,
    status: &'static str,
    level: String,
    tier: String,
    grade: String,
    category: String,
    channel: String,
    customer: String,
    subject: String,
    merchant: String,
    assignee: String,
}

pub fn show(global: &Global, args: &ShowArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    // An unreadable --now is refused before anything is read or recorded.
    global.now(&book)?;
    let id = book.resolve(&args.id)?;
    // A confidential complaint is refused before anything is recorded or shown.
    super::access::Reader::of(global, &book).check_id(&book, &id)?;
    let before = book.load(&id)?.complaint;
    let shown = args.reveal.record(global, &book, [&before], "show")?;
    // Loaded after the reveal is recorded, so the history shown includes it.
    let complaint = book.load(&id)?.complaint;
    print_one(global, &book, &shown.of(&complaint))?;
    Ok(Exit::Ok)
}

pub fn search(global: &Global, args: &SearchArgs) -> Result<Exit, Error> {
    let matching = ListArgs {
        words: args.words.clone(),
        ..args.list.clone()
    };
    list(global, &matching)
}

pub fn list(global: &Global, args: &ListArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    // Read even where nothing listed depends on it: an unreadable --now is refused, not ignored.
    let now = global.now(&book)?;
    let scan = args.scan(&book, now)?;
    args.keyed(global, &book)?;
    let selected = args.select(&book, &scan)?;
    // Confidential complaints the reader may not read are left out, and counted.
    let reader = super::access::Reader::of(global, &book);
    let mut withheld = super::access::Tally::default();
    let selected = withheld.keep(&book, &reader, selected, |s| s.complaint);
    let shown = args
        .reveal
        .record(global, &book, selected.iter().map(|s| s.complaint), "list")?;
    let rb = book.rulebook();
    let summaries = || {
        let complaints = selected
            .iter()
            .map(|s| Summary::new(&shown.of(s.complaint), &s.state, &s.standing, rb))
            .collect();
        complaint::output::Complaints { complaints }
    };
    let rows: Vec<Row> = selected
        .iter()
        .map(|s| row(&book, &shown.of(s.complaint), &s.state, &s.standing))
        .collect();
    if !render::machine(global.format, summaries, &rows)? {
        let t = t();
        let mut table = render::table(&[
            t.id, t.received, t.status, t.level, t.grade, t.category, t.channel, t.customer,
            t.subject, t.assignee,
        ]);
        // At 80 columns: ID, status, category and customer stay longest.
        table.drop_first(&[6, 3, 8, 9, 4, 1]);
        for (r, s) in rows.iter().zip(&selected) {
            let grade: Vec<&str> = [r.tier.as_str(), r.grade.as_str()]
                .into_iter()
                .filter(|g| !g.is_empty())
                .collect();
            table.add_row([
                &r.id,
                &r.received_at,
                messages::status(s.state.status),
                &r.level,
                &grade.join(" "),
                &r.category,
                &r.channel,
                &r.customer,
                &r.subject,
                &r.assignee,
            ]);
        }
        println!("{table}");
        println!("{}", say!(t.complaints_count, count = rows.len()));
    }
    withheld.say(&reader);
    let failed = !scan.errors.is_empty();
    for err in scan.errors {
        eprintln!("{}", super::render::report(err));
    }
    Ok(if failed { Exit::Error } else { Exit::Ok })
}

/// One line of `list`; of the personal data only the name is in it, as shown (see `Shown`).
fn row(book: &Book, c: &Complaint, state: &State, standing: &Standing) -> Row {
    let rb = book.rulebook();
    let f = &c.facts;
    let category = f.category.clone().unwrap_or_default();
    Row {
        id: c.id.to_string(),
        received_at: when(&c.received_at),
        status: state.status.as_str(),
        level: rb.level_name(&standing.level).to_string(),
        tier: standing.tier().unwrap_or_default().to_string(),
        grade: standing.grade().unwrap_or_default().to_string(),
        category: match rb.category(&category) {
            Some(known) => format!("{category} {}", known.name),
            None => category,
        },
        channel: f.channel.clone().unwrap_or_default(),
        customer: f.customer.name.clone().unwrap_or_default(),
        subject: f.subject.name.clone().unwrap_or_default(),
        merchant: f.merchant.clone().unwrap_or_default(),
        assignee: state.assignee.clone().unwrap_or_default(),
    }
}

/// Prints one complaint in the chosen format.
pub fn print_one(global: &Global, book: &Book, complaint: &Complaint) -> Result<(), Error> {
    let rb = book.rulebook();
    let view = complaint::sla::view(complaint, rb, global.now(book)?);
    let (state, standing) = (&view.state, &view.standing);
    let level = standing.level.clone();
    let deadlines = view.deadlines();
    match global.format {
        Format::Json | Format::Yaml => {
            render::document(global.format, Full::of(complaint, view.clone(), rb)).map(|_| ())
        }
        // The complaint comes masked or revealed already (see `Shown`).
        Format::Csv => render::csv(&[row(book, complaint, state, standing)]),
        Format::Table | Format::Html | Format::Xlsx => {
            let f = &complaint.facts;
            let name_of = |code: &Option<String>, lookup: &dyn Fn(&str) -> Option<String>| {
                code.as_deref()
                    .map(|c| lookup(c).map_or(c.to_string(), |n| format!("{c} {n}")))
                    .unwrap_or_default()
            };
            let c = &f.customer;
            let contact: Vec<&str> = [&c.name, &c.phone, &c.account, &c.email, &c.address]
                .iter()
                .filter_map(|v| v.as_deref())
                .collect();
            let s = &f.subject;
            let subject: Vec<String> = [
                s.kind.map(|k| messages::subject_kind(k).to_string()),
                s.name.clone(),
                s.order.as_ref().map(|o| say!(t().order, order = o)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let t = t();
            let mut facts = render::table(&[]);
            let mut add = |label: &str, value: String| {
                if !value.is_empty() {
                    facts.add_row([label, value.as_str()]);
                }
            };
            add(t.id, complaint.id.to_string());
            add(
                t.status,
                format!(
                    "{} · {}",
                    messages::status(state.status),
                    rb.level_name(&level)
                ),
            );
            let decided = |d: &Option<classify::Decided>, names: &[complaint::rulebook::Code]| {
                let name = |code: &str| complaint::rulebook::code_name(names, code).unwrap_or("");
                d.as_ref()
                    .map(|d| format!("{} {}", d.code, name(&d.code)))
                    .unwrap_or_default()
            };
            add(t.tier, decided(&standing.tier, &rb.tiers));
            add(t.grade, decided(&standing.grade, &rb.grades));
            add(t.received, when(&complaint.received_at));
            add(
                t.channel,
                name_of(&f.channel, &|c| rb.channel(c).map(|x| x.name.clone())),
            );
            add(
                t.category,
                name_of(&f.category, &|c| rb.category(c).map(|x| x.name.clone())),
            );
            add(t.customer, contact.join(" · "));
            add(t.subject, subject.join(" · "));
            add(t.merchant, f.merchant.clone().unwrap_or_default());
            add(
                t.happened,
                [f.happened.clone(), f.place.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
            );
            add(t.description, f.description.clone().unwrap_or_default());
            add(t.demand, f.demand.clone().unwrap_or_default());
            add(t.evidence, f.evidence.join(", "));
            add(
                t.price,
                f.price.map(|p| format!("¥{p}")).unwrap_or_default(),
            );
            add(
                t.claimed,
                f.claimed.map(|p| format!("¥{p}")).unwrap_or_default(),
            );
            add(t.flags, f.flags.join(", "));
            add(t.source, f.source.clone().unwrap_or_default());
            add(t.linked_to, f.links.join(", "));
            add(t.duplicate_of, f.duplicate_of.clone().unwrap_or_default());
            add(t.referred_by, f.referred_by.clone().unwrap_or_default());
            add(
                t.handler,
                [state.handler.clone(), state.handler_contact.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
            );
            add(
                t.promised,
                state.promised.map(|d| d.to_string()).unwrap_or_default(),
            );
            add(t.assignee, state.assignee.clone().unwrap_or_default());
            add(
                t.key_customer,
                if state.key_customer {
                    t.key_customer_yes.to_string()
                } else {
                    String::new()
                },
            );
            add(
                t.rulebook,
                format!("{} {}", complaint.rulebook.name, complaint.rulebook.version),
            );
            println!("{facts}");
            // In Chinese an event is told in words (as the forms tell it), its name in them.
            let language = super::lang::current();
            let zh = language == complaint::rulebook::Language::Zh;
            let mut history = if zh {
                render::table(&[t.at, t.by, t.event])
            } else {
                render::table(&[t.at, t.by, t.event, t.details])
            };
            history.drop_first(&[1]);
            for event in &complaint.history {
                let mut row = vec![when(&event.at), event.by.clone()];
                if zh {
                    row.push(complaint::form::describe_in(event, rb, language));
                } else {
                    row.push(event.action.name().to_string());
                    row.push(event.action.details(rb));
                }
                history.add_row(row);
            }
            println!("{history}");
            let record = complaint::Record {
                path: book.record_path(&complaint.id),
                complaint: complaint.clone(),
            };
            for conflict in book.conflicts_of(&record) {
                println!(
                    "{}",
                    say!(
                        t.merge_conflict,
                        event = conflict.event + 1,
                        message = conflict.message,
                        id = complaint.id,
                    )
                );
            }
            if !deadlines.is_empty() {
                let mut table = render::table(&[t.deadline, t.status, t.due, t.left]);
                for d in &deadlines {
                    table.add_row([
                        d.clock.name.clone().unwrap_or_default(),
                        messages::clock_status(d.status).to_string(),
                        render::due_text(d.at().as_ref(), d.provisional(), d.error.as_deref()),
                        d.minutes_left.map(render::minutes).unwrap_or_default(),
                    ]);
                }
                println!("{table}");
            }
            Ok(())
        }
    }
}
