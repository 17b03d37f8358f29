//! Reporting input problems once, the same way for every command.

use storyline_pipeline::ingest::IngestError;

use crate::{Failure, Global};

/// Counts what was read and what went wrong; prints each problem to stderr as it happens.
pub struct Problems {
    quiet: bool,
    strict: bool,
    pub errors: usize,
    pub warnings: usize,
    pub read: usize,
}

impl Problems {
    pub fn new(g: &Global) -> Self {
        Problems {
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
            eprintln!("warning: {msg}");
        }
    }

    pub fn error(&mut self, msg: &str) {
        self.errors += 1;
        if !self.quiet {
            eprintln!("error: {msg}");
        }
    }

    /// The verdict at the end of a run.
    pub fn finish(&self) -> Result<(), Failure> {
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
