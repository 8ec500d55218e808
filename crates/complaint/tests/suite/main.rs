//! The library's tests, as one test binary (one link instead of one per file): every clock of
//! the shipped procedures evaluated by hand-worked cases, property tests of every parser of
//! outside text, the period report's figures, the snippets of docs/library.md, and the cron
//! job's example program. The scenarios run in their own harness (`tests/scenarios.rs`).

mod clocks;
mod library;
mod properties;
mod report;
mod sla_example;
