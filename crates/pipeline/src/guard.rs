//! One record's internal failure must not end a run over a million others.
//!
//! The stages never panic on purpose: bad input is an error value with the record named. A panic
//! is a bug in storyline (a rule slicing past a mention, say), and without this guard one
//! document would abort a whole digest — every event still open lost, hours of input unread. The
//! rule-heavy per-record stages (extraction, analysis, summaries) run through [`isolated`]; the
//! record then goes on without that stage's output and the failure is reported.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `work` for one record. A panic inside it comes back as `Err` with its message, for the
/// caller to report with the record's name; the panic hook has already printed where it happened.
///
/// `AssertUnwindSafe` holds because every caller passes work over borrowed inputs whose result is
/// discarded on failure: nothing half-updated outlives the panic.
pub fn isolated<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown internal error".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message_and_the_rest_goes_on() {
        let results: Vec<Result<usize, String>> = ["a", "bb", "", "ccc"]
            .iter()
            .map(|s| {
                isolated(|| {
                    assert!(!s.is_empty(), "empty record");
                    s.len()
                })
            })
            .collect();
        assert_eq!(results[0], Ok(1));
        assert_eq!(results[2], Err("empty record".to_owned()));
        assert_eq!(results[3], Ok(3));
    }
}
