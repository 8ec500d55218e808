//! `complaint rules`: check and list rulebooks.

use complaint::files::RulebookText;
use complaint::{Error, ReadSource, Rulebook, Source};

use super::{Exit, Global};

/// Check and list rulebooks
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum RulesCommand {
    /// Check a rulebook: prints nothing and exits 0 when it is sound; shows every problem otherwise
    Check {
        /// The rulebook file [default: the book's]
        file: Option<std::path::PathBuf>,
        /// Fail on warnings too (e.g. a calendar that does not cover next year)
        #[arg(long)]
        strict: bool,
    },
    /// List the rulebooks shipped inside the program
    List,
    /// Show what a desk types from: the rulebook's channels, categories, tiers, grades, ladder
    /// and clocks, and the book's staff, each code beside its name
    Show {
        /// A shipped rulebook's name or a rulebook file [default: the book's]
        rulebook: Option<String>,
    },
    /// What a rulebook change does: the rules changed, and what changes for each open complaint
    ///
    /// OLD and NEW are rulebook files or git revisions of the book's rulebook (HEAD~1, main).
    /// Exit 0 when nothing changes, 3 when something does.
    Diff {
        old: String,
        /// [default: the book's rulebook as it is now]
        new: Option<String>,
    },
    /// Run scenarios: prints a line per scenario and what differed for each failure; exit 1 if any failed
    Test {
        /// Scenario files or folders of them [default: the book's `scenarios` folder]
        paths: Vec<std::path::PathBuf>,
    },
}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    match &args.command {
        RulesCommand::Test { paths } => test(global, paths),
        RulesCommand::Diff { old, new } => diff(global, old, new.as_deref()),
        RulesCommand::List => {
            let mut table = super::render::table(&["Name", "Version", "Description"]);
            for shipped in complaint::rulebook::shipped() {
                let rb = Rulebook::load_shipped(shipped.name)?;
                table.add_row([shipped.name, rb.version(), &rb.description]);
            }
            println!("{table}");
            Ok(Exit::Ok)
        }
        RulesCommand::Show { rulebook } => show(global, rulebook.as_deref()),
        RulesCommand::Check { file, strict } => {
            let rulebook = match file {
                Some(path) => complaint::files::load_rulebook(
                    Source::read(path, path.display().to_string())?,
                    path.parent(),
                )?,
                None => global.book()?.rulebook().clone(),
            };
            let (warnings, notes) = warnings(&rulebook, global)?;
            for warning in &warnings {
                eprintln!("warning: {warning}");
            }
            for note in &notes {
                eprintln!("note: {note}");
            }
            Ok(if *strict && !warnings.is_empty() {
                Exit::Error
            } else {
                Exit::Ok
            })
        }
    }
}

fn test(global: &Global, paths: &[std::path::PathBuf]) -> Result<Exit, Error> {
    let paths = if paths.is_empty() {
        let folder = global.book()?.root().join("scenarios");
        // A book need not have scenarios; a folder named on the command line must exist.
        if !folder.exists() {
            println!("no scenarios: the book has no scenarios/ folder");
            return Ok(Exit::Ok);
        }
        vec![folder]
    } else {
        paths.to_vec()
    };
    let files = complaint::scenario::discover(&paths)?;
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        match complaint::scenario::run(file) {
            Ok(outcome) if outcome.passed() => {
                passed += 1;
                println!("ok   {}  {}", file.display(), outcome.name);
            }
            Ok(outcome) => {
                failed += 1;
                println!("FAIL {}  {}", file.display(), outcome.name);
                for failure in &outcome.failures {
                    println!("       {failure}");
                }
            }
            Err(err) => {
                failed += 1;
                println!("FAIL {}  (could not run)", file.display());
                eprintln!("{:?}", miette::Report::new(err));
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed > 0 { Exit::Error } else { Exit::Ok })
}

fn diff(global: &Global, old: &str, new: Option<&str>) -> Result<Exit, Error> {
    // Inside a book, revisions name its rulebook and its open complaints are compared; outside
    // one, only files can be compared.
    let book = global.book().ok();
    let side = |spec: &str| -> Result<RulebookText, Error> {
        let path = std::path::Path::new(spec);
        if path.is_file() {
            return Ok(RulebookText::in_folder(
                Source::read(path, spec)?,
                path.parent(),
            ));
        }
        let Some(book) = &book else {
            return Err(Error::invalid(
                complaint::Problem::Request,
                complaint::said!(
                    "`{spec}` is not a file, and there is no book to take a revision from",
                    "`{spec}` 不是文件，也没有可从中取出版本的投诉簿"
                ),
                complaint::said!(
                    "give rulebook files, or run inside a book (--dir)",
                    "请给出规则文件，或在投诉簿中运行（--dir）"
                ),
            ));
        };
        book.rulebook_at(spec)
    };
    let old = side(old)?;
    let new = match new {
        Some(spec) => side(spec)?,
        None => match &book {
            Some(book) => {
                let path = book.root().join(&book.config().rulebook);
                RulebookText::in_folder(
                    Source::read(&path, book.config().rulebook.display().to_string())?,
                    Some(book.root()),
                )
            }
            None => {
                return Err(Error::invalid(
                    complaint::Problem::Request,
                    complaint::said!("which rulebook is new?", "哪一个是新规则？"),
                    complaint::said!(
                        "give NEW, or run inside a book",
                        "请给出 NEW，或在投诉簿中运行"
                    ),
                ));
            }
        },
    };
    let changes = complaint::rulediff::rule_changes(&old.source, &new.source)?;
    let old_rb = old.load()?;
    let new_rb = new.load()?;
    let impacts = match &book {
        Some(book) => {
            let now = global.now(book)?;
            let scan = book.scan()?;
            let complaints: Vec<&complaint::Complaint> =
                scan.records.iter().map(|r| &r.complaint).collect();
            complaint::rulediff::impacts(&complaints, &old_rb, &new_rb, now)
        }
        None => Vec::new(),
    };
    match global.format {
        super::Format::Json | super::Format::Yaml | super::Format::Csv => {
            #[derive(serde::Serialize)]
            struct Diff<'a> {
                rules: &'a [complaint::rulediff::RuleChange],
                complaints: &'a [complaint::rulediff::Impact],
            }
            super::render::json(&Diff {
                rules: &changes,
                complaints: &impacts,
            })?;
        }
        super::Format::Table | super::Format::Html => {
            for change in &changes {
                println!("{}", change.words());
            }
            if !impacts.is_empty() {
                let mut table = super::render::table(&["Complaint", "What", "Old", "New"]);
                for i in &impacts {
                    table.add_row([&i.id, &i.what, &i.old, &i.new]);
                }
                println!("{table}");
            }
            let affected = impacts
                .iter()
                .map(|i| &i.id)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            println!(
                "{} rule change(s); {affected} open complaint(s) affected",
                changes.len()
            );
        }
    }
    Ok(if changes.is_empty() && impacts.is_empty() {
        Exit::Ok
    } else {
        Exit::Findings
    })
}

/// How far ahead `rules check` looks for the end of the calendar.
const HORIZON_DAYS: u64 = 60;

/// Things that are not wrong yet but will be (warnings, which `--strict` fails on), and things
/// worth knowing that need no change (notes).
fn warnings(rulebook: &Rulebook, global: &Global) -> Result<(Vec<String>, Vec<String>), Error> {
    use chrono::Datelike;
    let now = global.now_in(rulebook.zone())?;
    // Deadlines reach about two months ahead (30 working days); warn before they run out.
    let horizon = (now.date_naive() + chrono::Days::new(HORIZON_DAYS)).year();
    let calendar = rulebook.calendar();
    let (_, official) = calendar.covers();
    let (mut warnings, mut notes) = (Vec::new(), Vec::new());
    if horizon > calendar.horizon() {
        warnings.push(format!(
            "the calendar `{}` ends with {}: deadlines that run into {} cannot be computed; add its official schedule (`complaint calendar add-notice`)",
            calendar.id,
            calendar.horizon(),
            calendar.horizon() + 1
        ));
    } else if horizon > official {
        notes.push(format!(
            "the calendar `{}` has the official schedule to {official}; deadlines that run into {} are provisional (days off from the law) until its notice is added with `complaint calendar add-notice`",
            calendar.id,
            official + 1
        ));
    }
    if rulebook.clocks.is_empty() {
        warnings.push(
            "the rulebook declares no clocks: `complaint sla` will never flag anything".to_string(),
        );
    }
    Ok((warnings, notes))
}

/// `rules show`: the codes a desk types, with their names, in the rulebook's language.
fn show(global: &Global, choice: Option<&str>) -> Result<Exit, Error> {
    use complaint::rulebook::CodeList;
    let (rb, staff) = match choice {
        Some(choice) => (
            complaint::files::load_rulebook(complaint::files::choose_rulebook(choice)?, None)?,
            Default::default(),
        ),
        None => {
            let book = global.book()?;
            (book.rulebook().clone(), book.config().staff.clone())
        }
    };
    let p = |zh, en| rb.language.pick(zh, en);
    let (code, name) = (p("代码", "Code"), p("名称", "Name"));
    let lists = [
        (CodeList::Channel, p("投诉渠道", "Channels")),
        (CodeList::Category, p("投诉类别", "Categories")),
        (CodeList::Tier, p("层级", "Tiers")),
        (CodeList::Grade, p("等级", "Grades")),
    ];
    println!("{} {} ({})", rb.rulebook, rb.version(), rb.organisation);
    for (list, title) in lists {
        let codes = rb.codes(list);
        if codes.is_empty() {
            continue;
        }
        let mut table = super::render::table(&[code, name]);
        for (c, n) in codes {
            table.add_row([c, n]);
        }
        println!("\n{title}\n{table}");
    }
    let mut ladder =
        super::render::table(&[code, name, p("角色", "Role"), p("审批权限", "Authority")]);
    for level in &rb.ladder {
        ladder.add_row([
            level.code.clone(),
            level.name.clone(),
            level.role.clone().unwrap_or_default(),
            level.limit.map(|l| format!("¥{l}")).unwrap_or_default(),
        ]);
    }
    println!("\n{}\n{ladder}", p("升级阶梯", "Ladder"));
    let mut clocks = super::render::table(&[
        code,
        name,
        p("起算", "Starts at"),
        p("止于", "Stops at"),
        p("时限", "Limit"),
    ]);
    for clock in &rb.clocks {
        let limits = std::iter::once(clock.limit.to_string())
            .chain(
                clock
                    .limits
                    .iter()
                    .map(|(key, limit)| format!("{key} {limit}")),
            )
            .collect::<Vec<_>>();
        clocks.add_row([
            clock.id.clone(),
            clock.name.clone(),
            clock.start.clone(),
            clock.stop.join(", "),
            limits.join(" / "),
        ]);
    }
    println!("\n{}\n{clocks}", p("处理时限", "Clocks"));
    if !staff.is_empty() {
        let mut table = super::render::table(&[name, p("角色", "Roles")]);
        for (person, roles) in &staff {
            table.add_row([person.clone(), roles.join(", ")]);
        }
        println!("\n{}\n{table}", p("人员", "Staff"));
    }
    Ok(Exit::Ok)
}
