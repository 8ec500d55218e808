//! The book's write lock: one writer at a time, so two staff and a cron job acting on the same
//! book at once lose nothing. A second writer waits briefly, then gives up with [`Error::Busy`].

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;

/// How long a writer waits for the lock unless `COMPLAINT_LOCK_WAIT` (seconds) says otherwise.
const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// Held while a command writes; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct BookLock {
    _file: File,
}

impl BookLock {
    pub fn acquire(path: &Path) -> Result<BookLock, Error> {
        let wait = std::env::var("COMPLAINT_LOCK_WAIT")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(DEFAULT_WAIT, Duration::from_secs_f64);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(BookLock { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Busy {
                        path: PathBuf::from(path),
                        seconds: wait.as_secs(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(path, e)),
            }
        }
    }
}
