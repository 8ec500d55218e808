//! The staff roster (`staff.yaml` beside `complaint.yaml`): who may act, in which roles, with
//! which SSH keys, and whether the book requires signed writes and encrypts personal data.
//! Its git history is the roster's history: `check` judges each commit by the roster before it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::files::ReadSource;
use crate::keys::PublicKey;
use complaint_core::said;
use complaint_core::source::Source;
use complaint_core::yaml;

/// The roster's file name, beside `complaint.yaml`.
pub const FILE: &str = "staff.yaml";

/// The role that may change the roster and the book's keys (besides any the rulebook names).
pub const ADMIN: &str = "admin";

const HEADER: &str = "# The staff roster: who may act, in which roles, with which SSH keys.\n# Maintained by `complaint staff add|remove`; its git history is the roster's history.\n";

/// The roster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Layout version.
    pub format: u32,
    /// Every write is a commit signed by its actor's key, and `check` verifies them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed: bool,
    /// Customers' personal data is stored encrypted to the staff's keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Encryption>,
    /// Each person by name.
    #[serde(default)]
    pub staff: BTreeMap<String, Member>,
}

/// One person on the roster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Ladder level codes or roles of the rulebook, or `admin`.
    #[serde(default)]
    pub roles: Vec<String>,
    /// SSH public keys, one line each as in a `.pub` file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
}

/// How a book encrypts personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Encryption {
    /// The secret that turns a customer's phone number (or account, e-mail, name) into the
    /// keyed hash that matches complaints of one customer; encrypted (age, armored) to every
    /// key on the roster, so that nobody without a key can test numbers against the hashes.
    pub match_key: String,
}

impl Roster {
    /// The roster of the book at `root`, if it has one.
    pub fn read(root: &Path) -> Result<Option<Roster>, Error> {
        let path = root.join(FILE);
        if !path.exists() {
            return Ok(None);
        }
        let source = Source::read(&path, FILE)?;
        Roster::parse(&source).map(Some)
    }

    /// Reads and checks a roster's text: every key a public key, no key held by two people.
    pub fn parse(source: &Source) -> Result<Roster, Error> {
        let roster: Roster = yaml::parse(source)?;
        let locate = |key: &str, message: String, help: String| -> Error {
            let offset = source.text().find(key.trim());
            let span = offset.map(|o| (o, key.trim().len()));
            Error::Source(Box::new(
                source.error(message, span, "here").with_help(Some(help)),
            ))
        };
        if roster.format != 1 {
            let format = roster.format;
            return Err(Error::invalid(
                crate::Problem::Key,
                said!(
                    "{FILE} is in format {format}, which this version does not know",
                    "{FILE} 的格式为 {format}，此版本不认识"
                ),
                said!("upgrade complaint", "请升级 complaint"),
            ));
        }
        let mut owners: Vec<(PublicKey, &str)> = Vec::new();
        for (name, member) in &roster.staff {
            for text in &member.keys {
                let key = PublicKey::parse(text).map_err(|reason| {
                    locate(
                        text,
                        format!("{name}'s key: {reason}"),
                        "paste the one line of the .pub file (`ssh-ed25519 AAAA… comment`)".into(),
                    )
                })?;
                if let Some((_, other)) = owners.iter().find(|(k, _)| k.same(&key)) {
                    return Err(locate(
                        text,
                        format!("{name} and {other} hold the same key"),
                        "a key names one person: give each person their own key".into(),
                    ));
                }
                owners.push((key, name));
            }
        }
        let keyless = roster.staff.iter().find(|(_, m)| m.keys.is_empty());
        if (roster.signed || roster.encryption.is_some())
            && let Some((name, _)) = keyless
        {
            return Err(locate(
                name,
                format!("{name} has no key, but the book signs or encrypts with keys"),
                "add their key with `complaint staff add NAME --key-file FILE.pub`".into(),
            ));
        }
        Ok(roster)
    }

    /// The roster as the text of `staff.yaml`.
    pub fn to_text(&self) -> Result<String, Error> {
        Ok(format!("{HEADER}{}", yaml::write_unfolded(self)?))
    }

    /// Each person's roles, as `complaint.yaml`'s `staff:` gives them.
    pub fn roles(&self) -> BTreeMap<String, Vec<String>> {
        self.staff
            .iter()
            .map(|(name, m)| (name.clone(), m.roles.clone()))
            .collect()
    }

    /// Each key on the roster with its holder (keys that do not read are refused on reading).
    fn held_keys(&self) -> impl Iterator<Item = (&str, PublicKey)> {
        self.staff.iter().flat_map(|(name, m)| {
            m.keys
                .iter()
                .filter_map(|k| PublicKey::parse(k).ok())
                .map(move |k| (name.as_str(), k))
        })
    }

    /// The person who holds `key`.
    pub fn owner_of(&self, key: &PublicKey) -> Option<&str> {
        self.held_keys()
            .find_map(|(name, k)| k.same(key).then_some(name))
    }

    /// The person whose key made `signature` of `payload` (a commit's, see
    /// [`crate::git::signature_of`]).
    pub fn signer_of(&self, payload: &[u8], signature: &str) -> Option<&str> {
        self.held_keys()
            .find_map(|(name, k)| k.verifies(payload, signature).then_some(name))
    }

    /// The keys of `name`.
    pub fn keys_of(&self, name: &str) -> Vec<PublicKey> {
        self.keys_where(|holder, _| holder == name)
    }

    /// Whether `name` may change the roster.
    pub fn is_admin(&self, name: &str) -> bool {
        self.staff
            .get(name)
            .is_some_and(|m| m.roles.iter().any(|r| r == ADMIN))
    }

    /// In a roster that signs, only an admin of it changes it or the book's keys.
    pub fn may_change(&self, by: &str) -> Result<(), Error> {
        if !self.signed || self.is_admin(by) {
            return Ok(());
        }
        Err(crate::keys::key_error(
            said!(
                "only an admin may change the roster or the book's keys, and {by} is not one",
                "只有管理员可以修改名册或本簿的密钥，{by} 不是管理员"
            ),
            said!(
                "ask someone with the role `{ADMIN}` on the roster (`complaint staff list`)",
                "请找名册上担任 `{ADMIN}` 角色的人（`complaint staff list`）"
            ),
        ))
    }

    /// The keys of everyone `may_read` (a name and roles) admits.
    pub fn keys_where(&self, may_read: impl Fn(&str, &[String]) -> bool) -> Vec<PublicKey> {
        self.held_keys()
            .filter(|(name, _)| may_read(name, &self.staff[*name].roles))
            .map(|(_, key)| key)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/keys")
            .join(format!("{name}.pub"));
        std::fs::read_to_string(path).unwrap().trim().to_string()
    }

    fn parse(text: &str) -> Result<Roster, Error> {
        Roster::parse(&Source::new(FILE, text))
    }

    #[test]
    fn a_roster_names_people_by_their_keys() {
        let text = format!(
            "format: 1\nsigned: true\nstaff:\n  王芳:\n    roles: [admin, gm]\n    keys: ['{}']\n  李娜:\n    roles: [dept_head]\n    keys: ['{}']\n",
            key("wangfang"),
            key("lina")
        );
        let roster = parse(&text).unwrap();
        let lina = PublicKey::parse(&key("lina")).unwrap();
        assert_eq!(roster.owner_of(&lina), Some("李娜"));
        assert!(roster.is_admin("王芳") && !roster.is_admin("李娜"));
        assert_eq!(roster.roles()["李娜"], ["dept_head"]);
        assert_eq!(
            roster
                .keys_where(|_, roles| roles.contains(&"gm".into()))
                .len(),
            1
        );
        // What it writes, it reads back.
        assert_eq!(parse(&roster.to_text().unwrap()).unwrap(), roster);
    }

    #[test]
    fn bad_rosters_are_refused_where_they_are_wrong() {
        let same = format!(
            "format: 1\nstaff:\n  王芳: {{roles: [gm], keys: ['{0}']}}\n  李娜: {{roles: [gm], keys: ['{0}']}}\n",
            key("lina")
        );
        let err = parse(&same).unwrap_err();
        assert!(err.to_string().contains("hold the same key"), "{err}");
        let bad = "format: 1\nstaff:\n  王芳: {roles: [gm], keys: ['ssh-ed25519 AAAAnope']}\n";
        assert!(parse(bad).unwrap_err().to_string().contains("王芳's key"));
        let keyless = "format: 1\nsigned: true\nstaff:\n  王芳: {roles: [gm]}\n";
        assert!(
            parse(keyless)
                .unwrap_err()
                .to_string()
                .contains("has no key")
        );
        assert!(parse("format: 2\n").is_err());
    }
}
