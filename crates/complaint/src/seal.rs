//! Personal data encrypted at rest. In a book that encrypts (`complaint encrypt`), a record
//! keeps its customer's name, phone, account, e-mail and address only masked (`张*`,
//! `138****5678`) in clear, so `list`, `sla`, reports and exports work without a key; the clear
//! fields are sealed with age to the SSH keys of those who may read the complaint (everyone on
//! the roster, or for a confidential one its readers and those involved), and a keyed hash
//! (HMAC-SHA-256 under the book's match key) tells one customer's complaints apart from
//! another's. Only `--reveal`, forms and `export --reveal` open a seal, with the actor's key.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use hmac::Mac;

use crate::book::Book;
use crate::error::{Error, Result};
use crate::journal::Change;
use crate::keys::{PublicKey, key_error};
use crate::model::{Complaint, Customer, Timestamp};
use crate::roster::{self, Encryption, Roster};
use crate::{ComplaintId, access, yaml};
use complaint_core::said;

/// The clear fields of a customer, sealed as one JSON document.
#[derive(serde::Serialize, serde::Deserialize)]
struct Clear {
    name: Option<String>,
    phone: Option<String>,
    account: Option<String>,
    email: Option<String>,
    address: Option<String>,
}

/// Encrypts `plain` to `keys`, armored (text that fits in YAML).
pub fn encrypt(plain: &[u8], keys: &[PublicKey]) -> Result<String> {
    let recipients: Vec<age::ssh::Recipient> = keys
        .iter()
        .map(|k| k.recipient())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::Internal(format!("a roster key age refuses: {e}")))?;
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| Error::Internal(format!("encrypting: {e}")))?;
    let mut out = Vec::new();
    let failed = |e: std::io::Error| Error::Internal(format!("encrypting: {e}"));
    let armor = age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
        .map_err(failed)?;
    let mut writer = encryptor.wrap_output(armor).map_err(failed)?;
    writer.write_all(plain).map_err(failed)?;
    writer.finish().and_then(|a| a.finish()).map_err(failed)?;
    String::from_utf8(out).map_err(|e| Error::Internal(format!("armor: {e}")))
}

/// Opens what [`encrypt`] sealed, with `identity`; `None` if it was not sealed to that key.
pub fn decrypt(armored: &str, identity: &age::ssh::Identity) -> Result<Option<Vec<u8>>> {
    let reader = age::armor::ArmoredReader::new(armored.as_bytes());
    let decryptor = age::Decryptor::new(reader).map_err(damaged)?;
    match decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)) {
        Ok(mut reader) => {
            let mut plain = Vec::new();
            reader.read_to_end(&mut plain).map_err(damaged)?;
            Ok(Some(plain))
        }
        Err(age::DecryptError::NoMatchingKeys) => Ok(None),
        Err(e) => Err(damaged(e)),
    }
}

/// The keyed hash that matches a customer across complaints: HMAC-SHA-256 of
/// [`Customer::identity`] of the clear fields.
pub fn matching(key: &[u8], clear: &Customer) -> Option<String> {
    let identity = clear.identity()?;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).ok()?;
    mac.update(identity.as_bytes());
    let digest = mac.finalize().into_bytes();
    Some(format!(
        "hmac:{}",
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ))
}

/// `clear` as a record of a book that encrypts keeps it: masked fields, the seal, the hash.
pub fn seal(clear: &Customer, keys: &[PublicKey], match_key: &[u8]) -> Result<Customer> {
    if keys.is_empty() {
        return Err(key_error(
            said!(
                "nobody on the roster may read this complaint, so its personal data can be sealed to no one",
                "名册上没有人可以查看这件投诉，其个人信息无法加密给任何人"
            ),
            said!(
                "add one of its confidential flag's readers to the roster first",
                "请先把其保密标记的查看人之一加入名册"
            ),
        ));
    }
    let plain = serde_json::to_vec(&Clear {
        name: clear.name.clone(),
        phone: clear.phone.clone(),
        account: clear.account.clone(),
        email: clear.email.clone(),
        address: clear.address.clone(),
    })
    .map_err(|e| Error::Internal(e.to_string()))?;
    let mut sealed = crate::privacy::customer(clear);
    sealed.sealed = Some(encrypt(&plain, keys)?);
    sealed.matching = matching(match_key, clear);
    Ok(sealed)
}

/// The clear customer of a sealed record, if `identity` may open it (`None` if not sealed to
/// it); a record that is not sealed is returned as it is.
pub fn unseal(customer: &Customer, identity: &age::ssh::Identity) -> Result<Option<Customer>> {
    let Some(sealed) = &customer.sealed else {
        return Ok(Some(customer.clone()));
    };
    let Some(plain) = decrypt(sealed, identity)? else {
        return Ok(None);
    };
    let clear: Clear = serde_json::from_slice(&plain).map_err(damaged)?;
    Ok(Some(Customer {
        name: clear.name,
        phone: clear.phone,
        account: clear.account,
        email: clear.email,
        address: clear.address,
        sealed: None,
        matching: None,
    }))
}

/// What [`Book::encrypt`] did.
#[derive(Debug, Default)]
pub struct Encrypted {
    /// Records sealed (or sealed again to today's readers).
    pub sealed: usize,
    /// Records left as they were: sealed to keys the actor does not hold.
    pub unreadable: Vec<ComplaintId>,
}

impl Book {
    /// Turns encryption on (or, in a book that encrypts already, seals every record the actor
    /// can open again, to today's roster and readers), as one commit by `by`, who acts with
    /// their key ([`Book::use_identity`]).
    pub fn encrypt(&self, by: &str, now: Timestamp) -> Result<Encrypted> {
        let _lock = self.lock_and_recover()?;
        let before = self.roster().cloned().ok_or_else(no_roster)?;
        // Anyone on the roster may seal again what they can open (a confidential complaint's
        // reader, after someone left); turning encryption on, and its key, are an admin's.
        let admin = match (&before.encryption, before.may_change(by)) {
            (None, Err(refused)) => return Err(refused),
            (_, may) => may.is_ok(),
        };
        let mut after = before.clone();
        let key = match &before.encryption {
            Some(_) => self.match_key()?,
            None => {
                // Its text is set when it is sealed to the roster's keys.
                after.encryption = Some(Encryption {
                    match_key: String::new(),
                });
                new_match_key()?
            }
        };
        let (mut changes, done) = self.sealed_changes(&after, &key)?;
        if !admin {
            changes.retain(|c| c.path != Path::new(roster::FILE));
        }
        let message = if before.encryption.is_none() {
            format!(
                "encrypt: personal data of {} complaint(s) sealed to the roster's keys (by {by})",
                done.sealed
            )
        } else {
            format!(
                "encrypt: {} complaint(s) sealed again to today's readers (by {by})",
                done.sealed
            )
        };
        self.transact(changes, &message, by, now)?;
        Ok(done)
    }

    /// What a roster change from `before` to `after` rewrites in a book that encrypts: the
    /// roster (its match key sealed to `after`'s keys; a new match key once someone leaves, so
    /// they cannot test numbers against the hashes of complaints received after) and every
    /// record the actor can open, sealed to `after`'s readers. `None` if the book does not
    /// encrypt or nobody changed.
    pub(crate) fn resealed(
        &self,
        before: &Roster,
        after: &Roster,
    ) -> Result<Option<(Vec<Change>, Encrypted)>> {
        if before.encryption.is_none() || before.staff == after.staff {
            return Ok(None);
        }
        // Whoever held a key that is gone knew the match key: it is replaced.
        let kept = after.keys_where(|_, _| true);
        let key_gone = before
            .keys_where(|_, _| true)
            .iter()
            .any(|k| !kept.iter().any(|other| other.same(k)));
        let key = if key_gone {
            new_match_key()?
        } else {
            self.match_key()?
        };
        self.sealed_changes(after, &key).map(Some)
    }

    /// The roster file for `after` with `key` as its match key, sealed to its keys, and every
    /// record the actor can open sealed to `after`'s readers and hashed with `key`.
    fn sealed_changes(&self, after: &Roster, key: &[u8]) -> Result<(Vec<Change>, Encrypted)> {
        let mut roster = after.clone();
        let keys = roster.keys_where(|_, _| true);
        if let Some(encryption) = roster.encryption.as_mut() {
            encryption.match_key = encrypt(crate::hex::encode(key).as_bytes(), &keys)?;
        }
        let text = roster.to_text()?;
        // Checked as it will be read: a key for everyone it is sealed to.
        Roster::parse(&crate::Source::new(roster::FILE, text.clone()))?;
        let mut changes = vec![Change {
            path: PathBuf::from(roster::FILE),
            text,
            previous: std::fs::read_to_string(self.root().join(roster::FILE)).ok(),
        }];
        let identity = self.identity().ok_or_else(no_identity)?.age()?;
        let mut done = Encrypted::default();
        for record in self.scan_files()?.records {
            let mut complaint = record.complaint;
            let Some(clear) = unseal(&complaint.facts.customer, &identity)? else {
                done.unreadable.push(complaint.id.clone());
                continue;
            };
            complaint.facts.customer = seal(&clear, &self.readers(&roster, &complaint), key)?;
            let path = self.record_path(&complaint.id);
            let previous = std::fs::read_to_string(self.root().join(&path)).ok();
            changes.push(Change {
                path,
                text: yaml::write(&complaint)?,
                previous,
            });
            done.sealed += 1;
        }
        Ok((changes, done))
    }

    /// The keys a complaint is sealed to: those of everyone on `roster` who may read it.
    fn readers(&self, roster: &Roster, complaint: &Complaint) -> Vec<PublicKey> {
        roster.keys_where(|name, roles| {
            let reader = access::Reader {
                name: Some(name),
                roles,
            };
            access::may_read(complaint, self.rulebook(), reader).is_ok()
        })
    }

    /// Seals a new complaint's customer, in a book that encrypts.
    pub(crate) fn seal_new(&self, complaint: &mut Complaint) -> Result<()> {
        let Some(roster) = self.roster().filter(|r| r.encryption.is_some()) else {
            return Ok(());
        };
        let key = self.match_key()?;
        complaint.facts.customer = seal(
            &complaint.facts.customer,
            &self.readers(roster, complaint),
            &key,
        )?;
        Ok(())
    }

    /// The complaint with its customer in clear, opened with the actor's key: refused without
    /// a key, or when the complaint is not sealed to it.
    pub fn unsealed(&self, complaint: &Complaint) -> Result<Complaint> {
        if complaint.facts.customer.sealed.is_none() {
            return Ok(complaint.clone());
        }
        let identity = self.identity().ok_or_else(no_identity)?.age()?;
        // Read through the index, a record carries only that it is sealed: the seal is in its file.
        let on_file;
        let customer = if complaint.facts.customer.sealed.as_deref() == Some("") {
            on_file = self.load(&complaint.id)?.complaint.facts.customer;
            &on_file
        } else {
            &complaint.facts.customer
        };
        let clear = unseal(customer, &identity)?.ok_or_else(|| {
            let (id, who) = (&complaint.id, self.key_owner().unwrap_or_default());
            key_error(
                said!(
                    "{id}'s personal data is not encrypted to {who}'s key",
                    "{id} 的个人信息没有加密给 {who} 的密钥"
                ),
                said!(
                    "only those who may read it hold a key to it (a confidential complaint: its readers and those handling it; anyone added to the roster after it was sealed: after `complaint encrypt`)",
                    "只有可以查看它的人持有对应密钥（保密投诉：其指定查看人和处理人；在加密之后加入名册的人：需先运行 `complaint encrypt`）"
                ),
            )
        })?;
        let mut open = complaint.clone();
        open.facts.customer = clear;
        Ok(open)
    }

    /// The keyed hash `clear` would have in this book's records (to find a customer by their
    /// number): needs the actor's key; `None` for a customer who names nobody.
    pub fn matching(&self, clear: &Customer) -> Result<Option<String>> {
        Ok(matching(&self.match_key()?, clear))
    }

    /// The book's match key, opened once with the actor's key.
    fn match_key(&self) -> Result<Vec<u8>> {
        if let Some(key) = self.match_key.get() {
            return Ok(key.clone());
        }
        let sealed = self
            .roster()
            .and_then(|r| r.encryption.as_ref())
            .map(|e| e.match_key.clone())
            .ok_or_else(no_roster)?;
        let identity = self.identity().ok_or_else(no_identity)?.age()?;
        let plain = decrypt(&sealed, &identity)?.ok_or_else(|| {
            key_error(
                said!(
                    "the book's match key is not encrypted to your key",
                    "本簿的匹配密钥没有加密给你的密钥"
                ),
                said!(
                    "an admin runs `complaint encrypt` after adding you to the roster",
                    "请管理员在把你加入名册后运行 `complaint encrypt`"
                ),
            )
        })?;
        let key = crate::hex::decode(String::from_utf8_lossy(&plain).trim())
            .ok_or_else(|| Error::Internal("the match key is damaged".into()))?;
        let _ = self.match_key.set(key.clone());
        Ok(key)
    }
}

/// A seal that does not open as one (edited by hand, cut short).
fn damaged(e: impl std::fmt::Display) -> Error {
    let e = e.to_string();
    key_error(
        said!("a sealed field is damaged: {e}", "加密字段已损坏：{e}"),
        said!(
            "restore the record from git (`git log -p` on its file)",
            "请从 git 恢复该记录（对其文件运行 `git log -p`）"
        ),
    )
}

fn no_roster() -> Error {
    key_error(
        said!(
            "the book has no roster of staff keys to encrypt to",
            "本簿没有可用于加密的人员密钥名册"
        ),
        said!(
            "add everyone first: `complaint staff add NAME --role ROLE --key-file KEY.pub`",
            "请先添加所有人：`complaint staff add NAME --role ROLE --key-file KEY.pub`"
        ),
    )
}

fn no_identity() -> Error {
    key_error(
        said!(
            "this book keeps personal data encrypted, and no key is given to open it",
            "本簿的个人信息已加密，但没有提供用于解密的密钥"
        ),
        said!(
            "set COMPLAINT_IDENTITY to your SSH private key (default ~/.ssh/id_ed25519)",
            "请把 COMPLAINT_IDENTITY 设为你的 SSH 私钥（默认 ~/.ssh/id_ed25519）"
        ),
    )
}

/// A new random match key.
fn new_match_key() -> Result<Vec<u8>> {
    let mut key = vec![0u8; 32];
    getrandom::fill(&mut key).map_err(|e| Error::Internal(format!("randomness: {e}")))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Identity;

    fn identity(name: &str) -> Identity {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/keys")
            .join(name);
        Identity::read(&path, None).unwrap()
    }

    #[test]
    fn a_seal_opens_only_for_its_keys_and_the_hash_matches_one_customer() {
        let (lina, zhao) = (identity("lina"), identity("zhaomin"));
        let clear = Customer {
            name: Some("张三".into()),
            phone: Some("138-1234-5678".into()),
            ..Customer::default()
        };
        let key = [7u8; 32];
        let sealed = seal(&clear, &[lina.public()], &key).unwrap();
        assert_eq!(sealed.name.as_deref(), Some("张*"));
        assert_eq!(sealed.phone.as_deref(), Some("138-****-5678"));
        assert!(!sealed.sealed.as_ref().unwrap().contains("5678"));
        assert_eq!(
            unseal(&sealed, &lina.age().unwrap()).unwrap(),
            Some(clear.clone())
        );
        assert_eq!(unseal(&sealed, &zhao.age().unwrap()).unwrap(), None);
        // One number however written: the same hash; another number or key: another.
        let same = Customer {
            phone: Some("+86 13812345678".into()),
            ..Customer::default()
        };
        assert_eq!(matching(&key, &same), sealed.matching);
        assert_eq!(sealed.identity(), sealed.matching);
        let other = Customer {
            phone: Some("13812345679".into()),
            ..Customer::default()
        };
        assert_ne!(matching(&key, &other), sealed.matching);
        assert_ne!(matching(&[8u8; 32], &clear), sealed.matching);
        // Sealed to nobody, it could never be opened: refused.
        assert!(seal(&clear, &[], &key).is_err());
        // A seal edited by hand is damaged, not "not yours".
        let mut broken = sealed.clone();
        broken.sealed = Some(
            "-----BEGIN AGE ENCRYPTED FILE-----\nnope\n-----END AGE ENCRYPTED FILE-----\n".into(),
        );
        let err = unseal(&broken, &lina.age().unwrap()).unwrap_err();
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}
