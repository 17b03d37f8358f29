//! Reporting input problems once, the same way for every command, and progress on a terminal.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{HumanBytes, ProgressBar, ProgressStyle};
use storyline_pipeline::ingest::{BytesRead, IngestError};
use storyline_pipeline::Observer;

use crate::{Failure, Global};

/// Counts what was read and what went wrong; prints each problem to stderr as it happens.
/// On a terminal a spinner shows documents read per second and the current stage; piped or
/// with `--quiet` nothing but problems is printed.
pub struct Problems {
    progress: ProgressBar,
    /// The bar counts input bytes (a streaming digest), not documents.
    by_bytes: bool,
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
            by_bytes: false,
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
        if !self.by_bytes {
            self.progress.inc(1);
        }
    }

    /// Turn the spinner into a bar over the input's bytes (with an ETA when the total size is
    /// known) that a [`StreamProgress`] keeps up to date.
    pub fn stream_progress(&mut self, total: Option<u64>) -> StreamProgress {
        self.by_bytes = true;
        let template = match total {
            Some(t) => {
                self.progress.set_length(t);
                "{bar:24} {bytes}/{total_bytes} · {msg} · {elapsed}, ETA {eta}"
            }
            None => "{spinner} {bytes} read · {msg} · {elapsed}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.progress.set_style(style);
        }
        StreamProgress {
            bar: self.progress.clone(),
            bytes: BytesRead::default(),
            docs: AtomicU64::new(0),
            events: AtomicU64::new(0),
            started: Instant::now(),
        }
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

/// Progress of a streaming digest: bytes read, documents per second, events finished.
pub struct StreamProgress {
    bar: ProgressBar,
    bytes: BytesRead,
    docs: AtomicU64,
    events: AtomicU64,
    started: Instant,
}

impl StreamProgress {
    fn show(&self) {
        let docs = self.docs.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_position(self.bytes.get());
        self.bar.set_message(format!(
            "{docs} documents ({:.0}/s) · {} events written",
            docs as f64 / secs,
            self.events.load(Ordering::Relaxed)
        ));
    }

    /// The counter the input reader adds to.
    pub fn bytes(&self) -> BytesRead {
        self.bytes.clone()
    }

    /// Bytes read in total, for the closing log line.
    pub fn summary(&self) -> String {
        format!(
            "{} read, {} documents, {} events",
            HumanBytes(self.bytes.get()),
            self.docs.load(Ordering::Relaxed),
            self.events.load(Ordering::Relaxed)
        )
    }
}

impl Observer for StreamProgress {
    fn extracted(&self, n: usize) {
        self.docs.fetch_add(n as u64, Ordering::Relaxed);
        self.show();
    }

    fn finished(&self) {
        let events = self.events.fetch_add(1, Ordering::Relaxed) + 1;
        if events.is_multiple_of(64) {
            self.show();
        }
    }
}
