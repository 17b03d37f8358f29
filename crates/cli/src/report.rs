//! Reporting input problems once, the same way for every command, and progress on a terminal.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use storyline_pipeline::ingest::IngestError;

use crate::{Failure, Global};

/// Counts what was read and what went wrong; prints each problem to stderr as it happens.
/// On a terminal a spinner shows documents read per second and the current stage; piped or
/// with `--quiet` nothing but problems is printed.
pub struct Problems {
    progress: ProgressBar,
    quiet: bool,
    strict: bool,
    pub errors: usize,
    pub warnings: usize,
    pub read: usize,
}

impl Problems {
    pub fn new(g: &Global) -> Self {
        // indicatif draws only when stderr is a terminal.
        let progress = if g.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new_spinner()
        };
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} documents read · {elapsed} · {msg}")
        {
            progress.set_style(style);
        }
        progress.enable_steady_tick(Duration::from_millis(120));
        Problems {
            progress,
            quiet: g.quiet,
            strict: g.strict,
            errors: 0,
            warnings: 0,
            read: 0,
        }
    }

    pub fn ingest(&mut self, e: &IngestError) {
        if e.is_warning() {
            self.warn(&e.to_string());
        } else {
            self.error(&e.to_string());
        }
    }

    pub fn warn(&mut self, msg: &str) {
        self.warnings += 1;
        if !self.quiet {
            self.progress.suspend(|| eprintln!("warning: {msg}"));
        }
    }

    pub fn error(&mut self, msg: &str) {
        self.errors += 1;
        if !self.quiet {
            self.progress.suspend(|| eprintln!("error: {msg}"));
        }
    }

    /// One more document read.
    pub fn read_one(&mut self) {
        self.read += 1;
        self.progress.inc(1);
    }

    /// Name the stage now running (shown beside the count).
    pub fn stage(&self, name: &'static str) {
        self.progress.set_message(name);
    }

    /// The verdict at the end of a run.
    pub fn finish(&self) -> Result<(), Failure> {
        self.progress.finish_and_clear();
        if self.read == 0 {
            return Err(Failure::Input(format!(
                "nothing could be read ({} errors, {} warnings)",
                self.errors, self.warnings
            )));
        }
        if self.strict && self.errors + self.warnings > 0 {
            return Err(Failure::Input(format!(
                "{} errors and {} warnings in the input (--strict)",
                self.errors, self.warnings
            )));
        }
        Ok(())
    }
}
