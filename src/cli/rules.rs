//! `complaint rules`: check and list rulebooks.

use super::messages::{say, t};
use complaint::files::RulebookText;
use complaint::{Error, ReadSource, Rulebook, Source};

use super::{Exit, Global, render};

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
        /// Say which rulebook format the file is written in (1, or 2 for combined conditions,
        /// gates and recurring clocks), even when it is sound
        #[arg(short, long)]
        verbose: bool,
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
            let rulebooks = complaint::rulebook::shipped()
                .iter()
                .map(|shipped| {
                    Rulebook::load_shipped(shipped.name)
                        .map(|rb| complaint::output::RulebookSummary::from(&rb))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            #[derive(serde::Serialize, Default)]
            struct Flat {
                name: String,
                version: String,
                organisation: String,
                description: String,
            }
            let rows: Vec<Flat> = rulebooks
                .iter()
                .map(|r| Flat {
                    name: r.rulebook.name.clone(),
                    version: r.rulebook.version.clone(),
                    organisation: r.organisation.clone(),
                    description: r.description.clone(),
                })
                .collect();
            let body = || complaint::output::Rulebooks { rulebooks };
            if !render::machine(global.format, body, &rows)? {
                let t = t();
                let mut table = super::render::table(&[t.name, t.version, t.rulebook_description]);
                for r in &rows {
                    table.add_row([&r.name, &r.version, &r.description]);
                }
                println!("{table}");
            }
            Ok(Exit::Ok)
        }
        RulesCommand::Show { rulebook } => show(global, rulebook.as_deref()),
        RulesCommand::Check {
            file,
            strict,
            verbose,
        } => {
            let rulebook = match file {
                Some(path) => complaint::files::load_rulebook(
                    Source::read(path, path.display().to_string())?,
                    path.parent(),
                )?,
                None => global.book()?.rulebook().clone(),
            };
            super::lang::book_speaks(rulebook.language);
            let (warnings, notes) = warnings(&rulebook, global)?;
            if *verbose {
                println!(
                    "{}",
                    say!(
                        t().rulebook_format,
                        name = rulebook.rulebook,
                        version = rulebook.version(),
                        format = rulebook.format,
                    )
                );
            }
            for warning in &warnings {
                eprintln!("{}", say!(t().warning, text = warning));
            }
            for note in &notes {
                eprintln!("{}", say!(t().note, text = note));
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
            println!("{}", t().no_scenarios);
            return Ok(Exit::Ok);
        }
        vec![folder]
    } else {
        paths.to_vec()
    };
    let files = complaint::scenario::discover(&paths)?;
    let language = super::lang::current();
    let mut rows = Vec::new();
    for file in &files {
        let result = complaint::scenario::run(file);
        rows.push(complaint::scenario::Tested::of(file, &result, language));
        if let Err(err) = result
            && global.format == super::Format::Table
        {
            eprintln!("{}", super::render::report(err));
        }
    }
    let failed = rows.iter().filter(|r| !r.passed).count();
    let tests = complaint::scenario::Tests {
        passed: rows.len() - failed,
        failed,
        scenarios: rows,
    };
    let rows = &tests.scenarios;
    match global.format {
        super::Format::Json | super::Format::Yaml => {
            render::document(global.format, &tests)?;
        }
        super::Format::Csv => {
            /// A result as a CSV row: the failures on one line each, in one cell.
            #[derive(serde::Serialize, Default)]
            struct Flat<'a> {
                file: &'a str,
                scenario: &'a str,
                passed: bool,
                failures: String,
            }
            let flat: Vec<Flat> = rows
                .iter()
                .map(|r| Flat {
                    file: &r.file,
                    scenario: r.scenario.as_deref().unwrap_or_default(),
                    passed: r.passed,
                    failures: r.failures.join("\n"),
                })
                .collect();
            super::render::csv(&flat)?;
        }
        super::Format::Table | super::Format::Html | super::Format::Xlsx => {
            for r in rows {
                let line = match (r.passed, &r.scenario) {
                    (true, name) => say!(
                        t().scenario_ok,
                        file = r.file,
                        name = name.as_deref().unwrap_or_default()
                    ),
                    (false, Some(name)) => say!(t().scenario_failed, file = r.file, name = name),
                    (false, None) => say!(t().scenario_not_run, file = r.file),
                };
                println!("{line}");
                if r.scenario.is_some() {
                    for failure in &r.failures {
                        println!("       {failure}");
                    }
                }
            }
            println!(
                "{}",
                say!(
                    t().scenarios_summary,
                    passed = rows.len() - failed,
                    failed = failed
                )
            );
        }
    }
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
    let diff = complaint::rulediff::RulesDiff {
        rules: changes,
        complaints: impacts,
    };
    let (changes, impacts) = (&diff.rules, &diff.complaints);
    match global.format {
        super::Format::Json | super::Format::Yaml => {
            render::document(global.format, &diff)?;
        }
        _ => {
            for change in changes {
                println!("{}", change.words());
            }
            if !impacts.is_empty() {
                let t = t();
                let mut table = super::render::table(&[t.complaint, t.what, t.old, t.new]);
                for i in impacts {
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
                "{}",
                say!(
                    t().rules_diff_summary,
                    changes = changes.len(),
                    affected = affected,
                )
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
        warnings.push(say!(
            t().calendar_ends,
            calendar = calendar.id,
            last = calendar.horizon(),
            next = calendar.horizon() + 1,
        ));
    } else if horizon > official {
        notes.push(say!(
            t().calendar_provisional_from,
            calendar = calendar.id,
            official = official,
            next = official + 1,
        ));
    }
    if rulebook.clocks.is_empty() {
        warnings.push(t().no_clocks.to_string());
    }
    Ok((warnings, notes))
}

/// `rules show`: the codes a desk types, with their names, in the interface's language (the
/// rulebook's, unless the environment chose).
fn show(global: &Global, choice: Option<&str>) -> Result<Exit, Error> {
    use complaint::rulebook::CodeList;
    let (rb, staff) = match choice {
        Some(choice) => (
            complaint::files::load_rulebook(complaint::files::choose_rulebook(choice)?, None)?,
            Default::default(),
        ),
        None => {
            let book = global.book()?;
            (book.rulebook().clone(), book.staff().clone())
        }
    };
    super::lang::book_speaks(rb.language);
    if render::document(
        global.format,
        complaint::output::RulebookCodes::new(&rb, &staff),
    )? {
        return Ok(Exit::Ok);
    }
    let t = t();
    let (code, name) = (t.code, t.name);
    let lists = [
        (CodeList::Channel, t.channels),
        (CodeList::Category, t.categories),
        (CodeList::Tier, t.tiers),
        (CodeList::Grade, t.grades),
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
    let mut ladder = super::render::table(&[code, name, t.role, t.authority]);
    for level in &rb.ladder {
        ladder.add_row([
            level.code.clone(),
            level.name.clone(),
            level.role.clone().unwrap_or_default(),
            level.limit.map(|l| format!("¥{l}")).unwrap_or_default(),
        ]);
    }
    println!("\n{}\n{ladder}", t.ladder);
    let mut clocks = super::render::table(&[code, name, t.starts_at, t.stops_at, t.limit]);
    for clock in &rb.clocks {
        let limit = if clock.recurs() {
            say!(
                t.recurs_until,
                every = clock.limit,
                until = clock.until.join(", ")
            )
        } else {
            clock.limit.to_string()
        };
        let limits = std::iter::once(limit)
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
    println!("\n{}\n{clocks}", t.clocks);
    if !staff.is_empty() {
        let mut table = super::render::table(&[name, t.roles]);
        for (person, roles) in &staff {
            table.add_row([person.clone(), roles.join(", ")]);
        }
        println!("\n{}\n{table}", t.staff);
    }
    Ok(Exit::Ok)
}
