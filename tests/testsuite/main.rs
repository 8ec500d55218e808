//! The `complaint` command-line test suite: one integration-test binary, one module per area.
//!
//! Every test gets a fresh book in its own temporary folder (see [`support::Book`]), runs the
//! real binary with a cleared environment and an explicit `--now`, and snapshots what a user
//! sees (stdout, stderr and exit code) with `insta_cmd`. Temporary paths and the random part of
//! complaint IDs are filtered out of the snapshots, so they are the same on every run.
//!
//! Run it alone: `cargo test --test testsuite`.

mod support;

mod architecture;
mod broken;
mod concurrency;
mod confidential;
mod deadlines;
mod docs;
mod errors_zh;
mod export;
mod form;
mod help;
mod hostile;
mod i18n;
mod import;
mod index;
mod init;
mod input;
mod journal;
mod keys;
mod lifecycle;
mod money;
mod new;
mod notice;
mod privacy;
mod read;
mod report;
mod rules;
mod schema;
mod sync;
