//! `complaint staff` and `complaint encrypt`: the roster of people, roles and SSH keys; signed
//! writes; personal data encrypted to the keys.

use std::path::PathBuf;

use complaint::Error;
use complaint::staff::StaffChange;

use super::messages::{say, t};
use super::{Exit, Global, render};

/// The roster: who may act, in which roles, with which SSH keys (`staff.yaml`)
///
/// Each change is one commit. Once the book requires signatures, only someone with the role
/// `admin` may change the roster, with their own key.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: StaffCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum StaffCommand {
    /// Add a person, or give one more roles and keys
    Add {
        /// Their name, as events record it (李娜)
        name: String,
        /// A role: a ladder level code or role of the rulebook, or `admin` (repeatable)
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        /// An SSH public key, the one line of a .pub file (repeatable)
        #[arg(long = "key", value_name = "KEY")]
        keys: Vec<String>,
        /// A .pub file holding their SSH public key (repeatable)
        #[arg(long = "key-file", value_name = "FILE")]
        key_files: Vec<PathBuf>,
    },
    /// Take a person off the roster (in a book that encrypts, what they could read is sealed
    /// again without their key, and the match key is replaced)
    Remove {
        /// Their name
        name: String,
    },
    /// List the roster: names, roles, key fingerprints
    List,
    /// From now on every write is a commit signed by its actor's key, and `check` verifies them
    RequireSignatures,
}

/// Seal customers' personal data with the roster's keys (or seal it again to today's readers)
///
/// Names, phones, accounts, e-mails and addresses stay in the records only masked (张*,
/// 138****5678), so lists, deadlines, reports and exports need no key; the clear data is
/// encrypted (age) to the SSH keys of those who may read each complaint. One commit. Needs
/// your key (COMPLAINT_IDENTITY, default ~/.ssh/id_ed25519) on the roster.
#[derive(Debug, clap::Args)]
pub struct EncryptArgs {}

pub fn run(global: &Global, args: &Args) -> Result<Exit, Error> {
    let book = global.book()?;
    let change = match &args.command {
        StaffCommand::List => return list(global, &book),
        StaffCommand::Add {
            name,
            roles,
            keys,
            key_files,
        } => {
            let mut keys = keys.clone();
            for file in key_files {
                let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
                keys.extend(
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(str::to_string),
                );
            }
            StaffChange::Add {
                name: name.clone(),
                roles: roles.clone(),
                keys,
            }
        }
        StaffCommand::Remove { name } => StaffChange::Remove { name: name.clone() },
        StaffCommand::RequireSignatures => StaffChange::RequireSignatures,
    };
    // Whoever turns signing on signs that commit too, with their own key; a book that
    // encrypts seals its records again with the actor's key.
    let by = if book.signs() || matches!(change, StaffChange::RequireSignatures) {
        let owner = global.key(&book)?;
        global.as_owner(owner)?
    } else {
        if book.encrypts() {
            global.key(&book)?;
        }
        global.actor(&book)?
    };
    let now = global.now(&book)?;
    let changed = book.change_roster(change, &by, now)?;
    sealed_again(&changed.sealed);
    Ok(Exit::Ok)
}

fn list(global: &Global, book: &complaint::Book) -> Result<Exit, Error> {
    let staff: Vec<complaint::output::StaffMember> = book
        .staff()
        .iter()
        .map(|(name, roles)| complaint::output::StaffMember {
            name: name.clone(),
            roles: roles.clone(),
            keys: book
                .roster()
                .map_or_else(Vec::new, |r| r.keys_of(name))
                .iter()
                .map(|k| k.fingerprint())
                .collect(),
        })
        .collect();
    let listed = complaint::output::Staff {
        signed: book.signs(),
        encrypted: book.encrypts(),
        staff,
    };
    if render::document(global.format, &listed)? {
        return Ok(Exit::Ok);
    }
    let t = t();
    let mut table = render::table(&[t.staff, t.roles, t.keys]);
    for member in &listed.staff {
        table.add_row(vec![
            member.name.clone(),
            member.roles.join(", "),
            member.keys.join("\n"),
        ]);
    }
    println!("{table}");
    if listed.signed {
        println!("{}", t.staff_signed);
    }
    if listed.encrypted {
        println!("{}", t.staff_encrypted);
    }
    Ok(Exit::Ok)
}

pub fn encrypt(global: &Global, _args: &EncryptArgs) -> Result<Exit, Error> {
    let book = global.book()?;
    let owner = global.key(&book)?;
    let by = global.as_owner(owner)?;
    let done = book.encrypt(&by, global.now(&book)?)?;
    println!("{}", say!(t().encrypt_sealed, count = done.sealed));
    sealed_again(&done);
    Ok(Exit::Ok)
}

/// Says which records could not be sealed again (the actor cannot open them).
fn sealed_again(done: &complaint::seal::Encrypted) {
    if done.unreadable.is_empty() {
        return;
    }
    let ids: Vec<String> = done.unreadable.iter().map(|id| id.to_string()).collect();
    eprintln!(
        "{}",
        say!(
            t().encrypt_unreadable,
            count = ids.len(),
            ids = ids.join(", ")
        )
    );
}
