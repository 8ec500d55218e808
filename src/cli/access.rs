//! Confidential complaints at the command line: who is reading (the person acting and their
//! roles in the book's `staff:`), and what every read command does with a complaint they may
//! not read (see [`complaint::access`]): one complaint is refused, naming the flag and its
//! readers; a list leaves it out and says on stderr how many were withheld.

use std::collections::BTreeMap;

use complaint::access::{self, Withheld};
use complaint::{Book, Complaint, Error};

use super::Global;
use super::messages::{say, t};

/// The person reading and their roles, or nobody when the rulebook makes no flag confidential
/// (then every complaint may be read, and nobody need be named).
pub struct Reader {
    /// Whether the rulebook has confidential flags at all.
    active: bool,
    /// The person acting, if anyone is named (--by, COMPLAINT_USER, git's user.name).
    name: Option<String>,
    /// Their roles in the book's staff list.
    roles: Vec<String>,
}

impl Reader {
    /// Who reads `book` in this command.
    pub fn of(global: &Global, book: &Book) -> Reader {
        let active = !book.rulebook().confidential.is_empty();
        let name = if active {
            global.actor(book).ok()
        } else {
            None
        };
        let roles = name
            .as_ref()
            .and_then(|n| book.staff().get(n).cloned())
            .unwrap_or_default();
        Reader {
            active,
            name,
            roles,
        }
    }

    /// Why the reader may not read `complaint`, if they may not.
    pub fn withheld<'r>(&self, book: &'r Book, complaint: &Complaint) -> Option<Withheld<'r>> {
        if !self.active {
            return None;
        }
        let reader = access::Reader {
            name: self.name.as_deref(),
            roles: &self.roles,
        };
        access::may_read(complaint, book.rulebook(), reader).err()
    }

    /// Refuses `complaint` if the reader may not read it.
    pub fn check(&self, book: &Book, complaint: &Complaint) -> Result<(), Error> {
        match self.withheld(book, complaint) {
            Some(withheld) => Err(withheld.error(&complaint.id, book.rulebook())),
            None => Ok(()),
        }
    }

    /// Refuses the complaint `id` (read from the book) if the reader may not read it.
    pub fn check_id(&self, book: &Book, id: &complaint::ComplaintId) -> Result<(), Error> {
        if !self.active {
            return Ok(());
        }
        self.check(book, &book.load(id)?.complaint)
    }

    /// The reader as messages name them.
    pub fn who(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| t().nobody_named.to_string())
    }
}

/// The complaints a list left out, by the flag that withheld them: how many, and who may
/// read them.
#[derive(Default)]
pub struct Tally {
    flags: BTreeMap<String, (usize, String)>,
}

impl Tally {
    /// Counts one complaint withheld.
    pub fn add(&mut self, book: &Book, withheld: &Withheld) {
        let entry = self
            .flags
            .entry(withheld.rule.flag.clone())
            .or_insert_with(|| (0, withheld.readers(book.rulebook())));
        entry.0 += 1;
    }

    /// Keeps the items `reader` may read, counting those left out.
    pub fn keep<T>(
        &mut self,
        book: &Book,
        reader: &Reader,
        items: Vec<T>,
        complaint: impl Fn(&T) -> &Complaint,
    ) -> Vec<T> {
        items
            .into_iter()
            .filter(|item| match reader.withheld(book, complaint(item)) {
                Some(withheld) => {
                    self.add(book, &withheld);
                    false
                }
                None => true,
            })
            .collect()
    }

    /// Says on stderr how many complaints were withheld, per flag (never silently).
    pub fn say(&self, reader: &Reader) {
        for (flag, (count, readers)) in &self.flags {
            eprintln!(
                "{}",
                say!(
                    t().withheld,
                    count = count,
                    who = reader.who(),
                    flag = flag,
                    readers = readers,
                )
            );
        }
    }
}
