//! The roster maintained: people added and removed, signed writes turned on, each change one
//! commit. A roster that signs is changed only by an admin of it, with their key; the first
//! change moves a `staff:` list out of `complaint.yaml` into `staff.yaml`.

use std::path::PathBuf;

use crate::book::{Book, CONFIG_FILE};
use crate::error::{Error, Result};
use crate::journal::Change;
use crate::model::Timestamp;
use crate::roster::{self, ADMIN, Roster};
use crate::seal::Encrypted;
use complaint_core::said;

/// What [`Book::change_roster`] did.
#[derive(Debug)]
pub struct RosterChanged {
    /// The roster as it is now.
    pub roster: Roster,
    /// In a book that encrypts: the records sealed again to the new roster's readers, and
    /// those the actor could not open (left sealed to the old readers).
    pub sealed: Encrypted,
}

/// A change to the roster.
#[derive(Debug, Clone)]
pub enum StaffChange {
    /// Adds a person, or gives one already there more roles and keys.
    Add {
        /// Their name, as events record it.
        name: String,
        /// Roles to add.
        roles: Vec<String>,
        /// Public keys to add, one `.pub` line each.
        keys: Vec<String>,
    },
    /// Takes a person off the roster.
    Remove {
        /// Their name.
        name: String,
    },
    /// From now on every write is a commit signed by its actor's key.
    RequireSignatures,
}

impl StaffChange {
    fn describe(&self, by: &str) -> String {
        match self {
            StaffChange::Add { name, roles, .. } => {
                format!("staff: {name} added ({}) by {by}", roles.join(", "))
            }
            StaffChange::Remove { name } => format!("staff: {name} removed by {by}"),
            StaffChange::RequireSignatures => {
                format!("staff: every write is signed from now on (by {by})")
            }
        }
    }
}

impl Book {
    /// Changes the roster as one commit by `by`. In a book that signs, only an admin may, and
    /// not so that no admin is left; in a book that encrypts, what the actor can open is sealed
    /// again to the new roster in the same commit.
    pub fn change_roster(
        &self,
        change: StaffChange,
        by: &str,
        now: Timestamp,
    ) -> Result<RosterChanged> {
        let _lock = self.lock_and_recover()?;
        let before = self.roster().cloned().unwrap_or_else(|| Roster {
            format: 1,
            staff: self
                .staff()
                .iter()
                .map(|(name, roles)| {
                    let member = roster::Member {
                        roles: roles.clone(),
                        keys: Vec::new(),
                    };
                    (name.clone(), member)
                })
                .collect(),
            ..Roster::default()
        });
        before.may_change(by)?;
        if let StaffChange::Add { roles, .. } = &change {
            self.known_roles(roles)?;
        }
        let mut after = before.clone();
        apply(&mut after, &change)?;
        if after.signed
            && !after
                .staff
                .values()
                .any(|m| m.roles.iter().any(|r| r == ADMIN))
        {
            return Err(refused(
                said!(
                    "no admin would be left to change the roster",
                    "名册上将不再有管理员来修改它"
                ),
                said!(
                    "give someone else the role `{ADMIN}` first",
                    "请先让另一个人担任 `{ADMIN}` 角色"
                ),
            ));
        }
        let text = after.to_text()?;
        // Checked as it will be read: keys, owners, a key for everyone in a book that signs.
        Roster::parse(&crate::Source::new(roster::FILE, text.clone()))?;
        let (mut changes, sealed) = match self.resealed(&before, &after)? {
            Some((changes, sealed)) => (changes, sealed),
            None => {
                let change = Change {
                    path: PathBuf::from(roster::FILE),
                    text,
                    previous: std::fs::read_to_string(self.root().join(roster::FILE)).ok(),
                };
                (vec![change], Encrypted::default())
            }
        };
        if self.roster().is_none() && !self.config().staff.is_empty() {
            changes.push(self.config_without_staff()?);
        }
        self.transact(changes, &change.describe(by), by, now)?;
        Ok(RosterChanged {
            roster: after,
            sealed,
        })
    }

    /// Refuses a role the rulebook does not know (a typo would give no authority, silently).
    fn known_roles(&self, roles: &[String]) -> Result<()> {
        let mut known = self.rulebook().roles();
        known.push(ADMIN.to_string());
        let Some(unknown) = roles.iter().find(|r| !known.contains(r)) else {
            return Ok(());
        };
        let hint = match complaint_core::suggest::closest(unknown, known.iter().map(String::as_str))
        {
            Some(best) => said!("did you mean `{best}`?", "是不是 `{best}`？"),
            None => {
                let known = known.join(", ");
                said!("the roles are: {known}", "可用的角色：{known}")
            }
        };
        Err(refused(
            said!(
                "`{unknown}` is no role of the rulebook",
                "规则手册中没有 `{unknown}` 这个角色"
            ),
            said!(
                "{hint} (a ladder level's code or role, or `admin`; someone with no role needs no --role)",
                "{hint}（升级层级的代码或角色，或 `admin`；没有角色的人不需要 --role）";
                hint
            ),
        ))
    }

    /// `complaint.yaml` with its `staff:` list taken out (the roster moves to `staff.yaml`),
    /// by removing its lines, so the file's comments stay.
    fn config_without_staff(&self) -> Result<Change> {
        let path = self.root().join(CONFIG_FILE);
        let previous = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let mut text = String::new();
        let mut in_staff = false;
        for line in previous.split_inclusive('\n') {
            let top = !line.starts_with([' ', '\t', '#', '\n', '\r', '-']);
            if top {
                in_staff = line.starts_with("staff:");
            }
            if !in_staff {
                text.push_str(line);
            }
        }
        Ok(Change {
            path: PathBuf::from(CONFIG_FILE),
            text,
            previous: Some(previous),
        })
    }
}

/// The roster with `change` made.
fn apply(roster: &mut Roster, change: &StaffChange) -> Result<()> {
    match change {
        StaffChange::Add { name, roles, keys } => {
            let name = name.trim();
            if name.is_empty() || name.chars().any(char::is_control) {
                return Err(refused(
                    said!("a person needs a name", "人员需要姓名"),
                    said!(
                        "give the name events will record (`complaint staff add 李娜 …`)",
                        "请给出事件将记录的姓名（`complaint staff add 李娜 …`）"
                    ),
                ));
            }
            let member = roster.staff.entry(name.to_string()).or_default();
            for role in roles {
                if !member.roles.contains(role) {
                    member.roles.push(role.clone());
                }
            }
            for key in keys {
                if let Err(reason) = crate::keys::PublicKey::parse(key) {
                    return Err(refused(
                        said!("{name}'s key: {reason}", "{name} 的密钥：{reason}"),
                        said!(
                            "give the one line of their .pub file (`ssh-ed25519 AAAA… comment`), or the file with --key-file",
                            "请给出其 .pub 文件中的那一行（`ssh-ed25519 AAAA… comment`），或用 --key-file 指定该文件"
                        ),
                    ));
                }
                let key = key.trim().to_string();
                if !member.keys.contains(&key) {
                    member.keys.push(key);
                }
            }
        }
        StaffChange::Remove { name } => {
            if roster.staff.remove(name).is_none() {
                return Err(refused(
                    said!("{name} is not on the roster", "{name} 不在名册上"),
                    said!(
                        "see who is with `complaint staff list`",
                        "用 `complaint staff list` 查看名册"
                    ),
                ));
            }
        }
        StaffChange::RequireSignatures => roster.signed = true,
    }
    Ok(())
}

fn refused(message: complaint_core::said::Said, help: complaint_core::said::Said) -> Error {
    crate::keys::key_error(message, help)
}
