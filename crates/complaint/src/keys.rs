//! Staff keys: the SSH public keys on the roster, the private key a desk acts with, and the
//! signatures git itself makes for signed commits (`gpg.format=ssh`: SSHSIG, namespace `git`),
//! so `git log --show-signature` and `git verify-commit` agree with `complaint check`.

use std::path::{Path, PathBuf};

use crate::error::Error;
use complaint_core::said;

/// The namespace git signs commits in.
const NAMESPACE: &str = "git";

/// An SSH public key as `ssh-keygen` writes it (`ssh-ed25519 AAAA… comment`).
#[derive(Debug, Clone)]
pub struct PublicKey {
    key: ssh_key::PublicKey,
}

impl PublicKey {
    /// Reads one key line; the reason it is not a key otherwise.
    pub fn parse(text: &str) -> Result<PublicKey, String> {
        let text = text.trim();
        if text.starts_with("-----BEGIN") {
            return Err("this is a private key: give the public half (the .pub file)".into());
        }
        // Only the kinds age can encrypt to and this program signs with.
        let unsupported = |kind: &str| {
            format!(
                "a {kind} key, which cannot both sign and receive encrypted data here: use an ed25519 key (`ssh-keygen -t ed25519`)"
            )
        };
        let kind = text.split_whitespace().next().unwrap_or_default();
        if kind.starts_with("ecdsa-") || kind.starts_with("sk-") || kind == "ssh-dss" {
            return Err(unsupported(kind));
        }
        let key = ssh_key::PublicKey::from_openssh(text)
            .map_err(|e| format!("not an SSH public key ({e})"))?;
        match key.algorithm() {
            ssh_key::Algorithm::Ed25519 | ssh_key::Algorithm::Rsa { .. } => Ok(PublicKey { key }),
            other => Err(unsupported(other.as_str())),
        }
    }

    /// The key as one line, without its comment (`ssh-ed25519 AAAA…`).
    pub fn openssh(&self) -> String {
        let mut key = self.key.clone();
        key.set_comment("");
        key.to_openssh().unwrap_or_default()
    }

    /// The key's SHA-256 fingerprint, as `ssh-keygen -l` prints it (`SHA256:…`).
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(ssh_key::HashAlg::Sha256).to_string()
    }

    /// Whether two keys are the same key (comments aside).
    pub fn same(&self, other: &PublicKey) -> bool {
        self.key.key_data() == other.key.key_data()
    }

    /// The key as an age recipient, to encrypt to.
    pub fn recipient(&self) -> Result<age::ssh::Recipient, String> {
        self.openssh()
            .parse::<age::ssh::Recipient>()
            .map_err(|e| format!("{e:?}"))
    }

    /// Whether `signature` (armored SSHSIG) is this key's signature of `payload` as git makes it.
    pub fn verifies(&self, payload: &[u8], signature: &str) -> bool {
        ssh_key::SshSig::from_pem(signature.trim())
            .is_ok_and(|sig| self.key.verify(NAMESPACE, payload, &sig).is_ok())
    }
}

/// A private key a person acts with: it signs their commits and opens what is encrypted to them.
pub struct Identity {
    key: ssh_key::PrivateKey,
    path: PathBuf,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("path", &self.path)
            .field("public", &self.public().fingerprint())
            .finish()
    }
}

impl Identity {
    /// Reads an OpenSSH private key; one protected by a passphrase is opened with `passphrase`.
    pub fn read(path: &Path, passphrase: Option<&str>) -> Result<Identity, Error> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            key_error(
                said!("cannot read the key {shown}: {e}", "无法读取密钥 {shown}：{e}"),
                said!(
                    "set COMPLAINT_IDENTITY to your SSH private key (the file without .pub), or create one with `ssh-keygen -t ed25519`",
                    "请把 COMPLAINT_IDENTITY 设为你的 SSH 私钥（不带 .pub 的文件），或用 `ssh-keygen -t ed25519` 生成一个"
                ),
            )
        })?;
        let key = ssh_key::PrivateKey::from_openssh(text.trim()).map_err(|e| {
            key_error(
                said!(
                    "{shown} is not an OpenSSH private key ({e})",
                    "{shown} 不是 OpenSSH 私钥（{e}）"
                ),
                said!(
                    "point COMPLAINT_IDENTITY at the private half of the key on the roster; a PEM key can be converted with `ssh-keygen -p -f FILE`",
                    "请让 COMPLAINT_IDENTITY 指向名册上那把密钥的私钥；PEM 格式的密钥可用 `ssh-keygen -p -f FILE` 转换"
                ),
            )
        })?;
        let key = if key.is_encrypted() {
            let Some(passphrase) = passphrase else {
                return Err(key_error(
                    said!("{shown} is protected by a passphrase", "{shown} 受口令保护"),
                    said!(
                        "give the passphrase in COMPLAINT_PASSPHRASE",
                        "请在 COMPLAINT_PASSPHRASE 中提供口令"
                    ),
                ));
            };
            key.decrypt(passphrase).map_err(|_| {
                key_error(
                    said!(
                        "the passphrase does not open {shown}",
                        "口令无法打开 {shown}"
                    ),
                    said!("check COMPLAINT_PASSPHRASE", "请检查 COMPLAINT_PASSPHRASE"),
                )
            })?
        } else {
            key
        };
        Ok(Identity {
            key,
            path: path.to_path_buf(),
        })
    }

    /// The file the key was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The public half, to find its owner on the roster.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            key: self.key.public_key().clone(),
        }
    }

    /// The armored SSHSIG signature of `payload`, as git puts it in a commit's `gpgsig`.
    pub fn sign(&self, payload: &[u8]) -> Result<String, Error> {
        let shown = self.path.display().to_string();
        self.key
            .sign(NAMESPACE, ssh_key::HashAlg::Sha512, payload)
            .and_then(|sig| sig.to_pem(ssh_key::LineEnding::LF))
            .map_err(|e| {
                key_error(
                    said!("cannot sign with {shown}: {e}", "无法用 {shown} 签名：{e}"),
                    said!("use an ed25519 or RSA key", "请使用 ed25519 或 RSA 密钥"),
                )
            })
    }

    /// The key as an age identity, to decrypt what was encrypted to it.
    pub fn age(&self) -> Result<age::ssh::Identity, Error> {
        let text = self
            .key
            .to_openssh(ssh_key::LineEnding::LF)
            .map_err(|e| Error::Internal(format!("re-encoding a key: {e}")))?;
        age::ssh::Identity::from_buffer(text.as_bytes(), None)
            .map_err(|e| Error::Internal(format!("reading a key for age: {e}")))
    }
}

/// A problem with keys, signatures or encryption.
pub(crate) fn key_error(
    message: complaint_core::said::Said,
    help: complaint_core::said::Said,
) -> Error {
    Error::invalid(crate::Problem::Key, message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/keys")
            .join(name)
    }

    #[test]
    fn a_signature_verifies_with_its_key_only() {
        let lina = Identity::read(&fixture("lina"), None).unwrap();
        let wang = Identity::read(&fixture("wangfang"), None).unwrap();
        let signature = lina.sign(b"tree 123\n").unwrap();
        assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----"));
        assert!(lina.public().verifies(b"tree 123\n", &signature));
        assert!(!lina.public().verifies(b"tree 124\n", &signature));
        assert!(!wang.public().verifies(b"tree 123\n", &signature));
        assert!(!lina.public().verifies(b"tree 123\n", "not a signature"));
    }

    #[test]
    fn public_keys_are_read_as_ssh_keygen_writes_them() {
        let text = std::fs::read_to_string(fixture("lina.pub")).unwrap();
        let key = PublicKey::parse(&text).unwrap();
        assert!(key.same(&Identity::read(&fixture("lina"), None).unwrap().public()));
        assert!(key.fingerprint().starts_with("SHA256:"));
        assert!(!key.openssh().contains("lina@test"));
        assert!(PublicKey::parse("ssh-ed25519 nonsense").is_err());
        let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg= x";
        assert!(
            PublicKey::parse(ecdsa)
                .unwrap_err()
                .contains("use an ed25519 key")
        );
        let private = std::fs::read_to_string(fixture("lina")).unwrap();
        assert!(
            PublicKey::parse(&private)
                .unwrap_err()
                .contains("private key")
        );
    }

    #[test]
    fn a_locked_key_needs_its_passphrase() {
        let err = Identity::read(&fixture("locked"), None).unwrap_err();
        assert!(err.to_string().contains("passphrase"), "{err}");
        assert!(Identity::read(&fixture("locked"), Some("wrong")).is_err());
        let key = Identity::read(&fixture("locked"), Some("secret")).unwrap();
        let signature = key.sign(b"x").unwrap();
        assert!(key.public().verifies(b"x", &signature));
    }
}
