//! The key that lives outside the database: the day secrets (which key every visitor id and
//! address tag) and staff members' two-factor secrets are sealed under it, so a backup or dump
//! of the database alone cannot turn a tag back into an address or make sign-in codes. Every process of a deployment uses the same key: a file in the data
//! folder, created on first start (readable by its owner only), or `CHORUS_SECRET_KEY`.
//! Back it up apart from the database: without it the day secrets kept (at most three days)
//! cannot be opened, and new ones are made.

use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};

use super::sealed::KEY_LEN;

#[derive(Debug, thiserror::Error)]
pub enum MasterKeyError {
    #[error("cannot read the key file {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create the key file {path}")]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the key file {0} can be read by other users; make it private: chmod 600 {0}")]
    NotPrivate(PathBuf),
    #[error("{0}: a key is {KEY_LEN} bytes written as 64 hexadecimal digits")]
    Malformed(String),
}

/// The key written as 64 hexadecimal digits.
pub fn parse(text: &str, origin: &str) -> Result<[u8; KEY_LEN], MasterKeyError> {
    let bytes = hex::decode(text.trim()).map_err(|_| MasterKeyError::Malformed(origin.into()))?;
    bytes
        .try_into()
        .map_err(|_| MasterKeyError::Malformed(origin.into()))
}

/// The key in `path`, made at random (and the file created, owner-only) when there is none.
pub fn load_or_create(path: &Path) -> Result<[u8; KEY_LEN], MasterKeyError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            refuse_if_shared(path)?;
            parse(&text, &path.display().to_string())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(source) => Err(MasterKeyError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

fn create(path: &Path) -> Result<[u8; KEY_LEN], MasterKeyError> {
    let failed = |source| MasterKeyError::Create {
        path: path.to_owned(),
        source,
    };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    let mut key = [0u8; KEY_LEN];
    OsRng.fill_bytes(&mut key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Ok(file) => file,
        // Another process of the deployment made it first: use theirs.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return load_or_create(path),
        Err(source) => return Err(failed(source)),
    };
    file.write_all(format!("{}\n", hex::encode(key)).as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(failed)?;
    Ok(key)
}

#[cfg(unix)]
fn refuse_if_shared(path: &Path) -> Result<(), MasterKeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|source| MasterKeyError::Read {
            path: path.to_owned(),
            source,
        })?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(MasterKeyError::NotPrivate(path.to_owned()));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_if_shared(_path: &Path) -> Result<(), MasterKeyError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_private_then_reused() {
        let folder = std::env::temp_dir().join(format!("chorus-key-{}", std::process::id()));
        let path = folder.join("chorus.key");
        let _ = std::fs::remove_dir_all(&folder);
        let made = load_or_create(&path).expect("made");
        assert_eq!(load_or_create(&path).expect("read"), made, "the same key");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
            assert!(matches!(
                load_or_create(&path),
                Err(MasterKeyError::NotPrivate(_))
            ));
        }
        let _ = std::fs::remove_dir_all(&folder);
        assert!(matches!(
            parse("abc", "CHORUS_SECRET_KEY"),
            Err(MasterKeyError::Malformed(_))
        ));
        assert_eq!(parse(&"ab".repeat(32), "x").expect("hex"), [0xab; 32]);
    }
}
