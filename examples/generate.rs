//! Generates a big book of realistic complaints, for benchmarks.
//!
//! ```text
//! cargo run --release --example generate -- DIR [COUNT] [--rulebook NAME] [--open PERCENT] [--git]
//! ```
//!
//! `--open PERCENT` makes that share of the complaints open (the rest closed), as in a desk's
//! book of some years, where a few hundred of a hundred thousand are being handled; without
//! it about 40 % are open.
//!
//! Records are written straight to their files (no lock, no fsync, no git commit per record):
//! this is test data, made as fast as the disk allows. `--git` makes the book a git repository
//! (`commit: true`) with every record in one commit, streamed to `git fast-import` as it is
//! written: objects go into one pack instead of a loose file each (`git add` of a million
//! records took most of an hour), and git's index is then read from the commit. The content is deterministic for a given
//! COUNT (a fixed pseudo-random sequence), except the random part of each ID.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use complaint::model::{Customer, RulebookRef, Subject, SubjectKind};
use complaint::{Action, Book, Complaint, ComplaintId, Event, Facts, Money};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "杰"];
const PRODUCTS: &[&str] = &[
    "手机",
    "冰箱",
    "洗衣机",
    "瓷砖",
    "地板",
    "空调",
    "电视",
    "热水器",
];
const PROBLEMS: &[&str] = &[
    "收到的商品破损",
    "送货延迟超过三天",
    "安装师傅态度恶劣",
    "退款迟迟未到账",
    "宣传与实物不符",
];
const DEMANDS: &[&str] = &["退货退款", "换货", "赔偿损失", "道歉", "上门维修"];
const STAFF: &[&str] = &["王芳", "李娜", "赵敏", "陈静"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: generate DIR [COUNT] [--rulebook NAME] [--open PERCENT] [--git]")?,
    );
    let count: usize = args
        .next()
        .map(|c| c.parse())
        .transpose()?
        .unwrap_or(100_000);
    let (mut rulebook_name, mut open_percent) = (complaint::rulebook::DEFAULT.to_string(), None);
    let mut git = false;
    while let Some(flag) = args.next() {
        if flag == "--git" {
            git = true;
            continue;
        }
        let value = args.next().ok_or("a flag without its value")?;
        match flag.as_str() {
            "--rulebook" => rulebook_name = value,
            "--open" => open_percent = Some(value.parse::<u64>()?),
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }
    if git {
        // A repository of its own, also inside another one: generated under a project's
        // `target` folder, the book would otherwise be committed into the project.
        std::fs::create_dir_all(&dir)?;
        let init = Command::new("git")
            .arg("init")
            .arg("--quiet")
            .arg(&dir)
            .status()?;
        if !init.success() {
            return Err("git init failed".into());
        }
    }
    let book = Book::init(
        &dir,
        &complaint::files::choose_rulebook(&rulebook_name)?,
        git,
    )?;
    let mut import = git.then(|| FastImport::start(&dir)).transpose()?;
    let rb = book.rulebook();
    let channels: Vec<&str> = rb.channels.iter().map(|c| c.code.as_str()).collect();
    let categories: Vec<&str> = rb.categories.iter().map(|c| c.code.as_str()).collect();
    let levels: Vec<&str> = rb.ladder.iter().map(|l| l.code.as_str()).collect();
    let zone = FixedOffset::east_opt(8 * 3600).expect("valid offset");
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for n in 0..count {
        // 0–3: open (registered, acknowledged); 4–9: closed.
        let progress = match open_percent {
            Some(percent) if rng.below(1000) < percent * 10 => rng.below(4),
            Some(_) => 4 + rng.below(6),
            None => rng.below(10),
        };
        // Spread over two years, at any minute of the day; with --open, the open ones in the
        // last 30 days of them, as a desk's open complaints are recent.
        let (from, days) = match open_percent {
            Some(_) if progress < 4 => (start + chrono::Days::new(2 * 365 - 30), 30),
            _ => (start, 2 * 365),
        };
        let minutes = rng.below(days * 24 * 60) as i64;
        let received_at = zone
            .from_local_datetime(&from.and_hms_opt(0, 0, 0).expect("midnight"))
            .unwrap()
            + Duration::minutes(minutes);
        let id = ComplaintId::generate(received_at.date_naive())?;
        let name = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
        let staff = rng.pick(STAFF).to_string();
        let mut history = vec![Event {
            at: received_at,
            by: staff.clone(),
            action: Action::Received,
        }];
        let mut at = received_at;
        let mut step = |rng: &mut Rng, action: Action| {
            at += Duration::minutes(30 + rng.below(3000) as i64);
            history.push(Event {
                at,
                by: staff.clone(),
                action,
            });
        };
        if progress >= 2 {
            step(
                &mut rng,
                Action::Ack(complaint::event::Ack {
                    handler: staff.clone(),
                    contact: "400-800-1234".into(),
                    promised: None,
                }),
            );
        }
        if progress >= 6 && levels.len() > 1 {
            step(
                &mut rng,
                Action::Escalate(complaint::event::Escalate {
                    from: levels[0].into(),
                    to: levels[1].into(),
                    reason: "客户要求上级处理".into(),
                    clock: None,
                }),
            );
        }
        if progress >= 4 {
            let satisfaction = Some(1 + rng.below(5) as u8);
            step(
                &mut rng,
                Action::Close(complaint::event::Close {
                    outcome: "已处理".into(),
                    satisfaction,
                }),
            );
        }
        let complaint = Complaint {
            id,
            received_at,
            rulebook: RulebookRef {
                name: rb.rulebook.clone(),
                version: rb.version().to_string(),
            },
            facts: Facts {
                channel: Some(rng.pick(&channels).to_string()),
                category: Some(rng.pick(&categories).to_string()),
                customer: Customer {
                    name: Some(name),
                    phone: Some(format!("138{:08}", rng.below(100_000_000))),
                    ..Customer::default()
                },
                subject: Subject {
                    kind: Some(SubjectKind::Product),
                    name: Some(rng.pick(PRODUCTS).into()),
                    order: Some(format!("O-{n}")),
                },
                description: Some(rng.pick(PROBLEMS).into()),
                demand: Some(rng.pick(DEMANDS).into()),
                price: Some(Money::from_yuan(50 + rng.below(5000) as i64)),
                ..Facts::default()
            },
            history,
        };
        let path = book.root().join(book.record_path(&complaint.id));
        std::fs::create_dir_all(path.parent().expect("records have a folder"))?;
        let text = complaint::to_yaml(&complaint)?;
        std::fs::write(&path, &text)?;
        if let Some(import) = &mut import {
            import.blob(&book.record_path(&complaint.id), &text)?;
        }
    }
    if let Some(import) = import {
        import.finish(&dir, count)?;
    }
    println!("wrote {count} complaints to {}", dir.display());
    Ok(())
}

/// A `git fast-import` taking the records' blobs as they are written, committed at the end.
struct FastImport {
    child: Child,
    input: std::io::BufWriter<ChildStdin>,
    paths: Vec<PathBuf>,
}

impl FastImport {
    fn start(dir: &Path) -> Result<FastImport, Box<dyn std::error::Error>> {
        let mut child = Command::new("git")
            .current_dir(dir)
            .args(["fast-import", "--quiet"])
            .stdin(Stdio::piped())
            .spawn()?;
        let input = std::io::BufWriter::new(child.stdin.take().ok_or("no stdin")?);
        Ok(FastImport {
            child,
            input,
            paths: Vec::new(),
        })
    }

    fn blob(&mut self, path: &Path, text: &str) -> std::io::Result<()> {
        self.paths.push(path.to_path_buf());
        let mark = self.paths.len();
        write!(self.input, "blob\nmark :{mark}\ndata {}\n", text.len())?;
        self.input.write_all(text.as_bytes())?;
        self.input.write_all(b"\n")
    }

    /// Commits every blob on the current branch, then makes git's index that commit's tree
    /// with the files' identities (`read-tree`, then `update-index --refresh`).
    fn finish(mut self, dir: &Path, count: usize) -> Result<(), Box<dyn std::error::Error>> {
        let git = |args: &[&str]| -> Result<String, Box<dyn std::error::Error>> {
            let out = Command::new("git").current_dir(dir).args(args).output()?;
            if !out.status.success() {
                return Err(format!(
                    "git {}: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr)
                )
                .into());
            }
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        };
        let branch = git(&["symbolic-ref", "HEAD"])?;
        let head = git(&["rev-parse", "HEAD"])?;
        let message = format!("{count} complaints");
        write!(
            self.input,
            "commit {branch}\ncommitter bench <bench@example.invalid> 1767225600 +0800\n\
             data {}\n{message}\nfrom {head}\n",
            message.len()
        )?;
        for (n, path) in self.paths.iter().enumerate() {
            writeln!(self.input, "M 100644 :{} {}", n + 1, path.display())?;
        }
        self.input.flush()?;
        drop(self.input);
        if !self.child.wait()?.success() {
            return Err("git fast-import failed".into());
        }
        git(&["read-tree", "HEAD"])?;
        git(&["update-index", "-q", "--refresh"])?;
        Ok(())
    }
}
