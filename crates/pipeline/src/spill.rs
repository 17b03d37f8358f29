//! Text of open documents parked on disk.
//!
//! A document waits in memory while its event is open — on a dense stream for a week of news
//! time, hundreds of thousands of documents — yet its text is read only once more, when the
//! event is analysed. So the text goes to an anonymous temporary file as soon as the document is
//! clustered and is read back when its event is built; what stays in memory is a few words per
//! document. Files are written in segments and each segment is dropped (and its disk space freed
//! by the system) once every text in it has been released, so disk use follows the open window
//! too.
//!
//! Parking is an optimisation, never a point of failure: if the temporary directory cannot be
//! written, texts stay in memory (and a warning says so once).

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::sync::Arc;

/// Bytes written to one segment before the next is started.
const SEGMENT_BYTES: u64 = 64 << 20;

/// A parked text: where it is. Reading it back ([`Parked::read`]) needs no access to the
/// [`Spill`], so texts are read where events are built, off the serial path.
#[derive(Debug)]
pub(crate) enum Parked {
    Memory(String),
    Disk {
        file: Arc<File>,
        segment: usize,
        offset: u64,
        len: usize,
    },
}

impl Parked {
    pub(crate) fn read(self) -> io::Result<String> {
        match self {
            Parked::Memory(text) => Ok(text),
            Parked::Disk {
                file, offset, len, ..
            } => {
                let mut buf = vec![0; len];
                file.read_exact_at(&mut buf, offset)?;
                String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
            }
        }
    }
}

struct Segment {
    file: Arc<File>,
    len: u64,
    /// Texts in this segment not released yet.
    live: usize,
}

/// Parks texts in segment files; see the module documentation.
pub(crate) struct Spill {
    segment_bytes: u64,
    /// By segment number; `None` once every text in it was released (readers still holding a
    /// [`Parked`] keep the file open until they are done).
    segments: Vec<Option<Segment>>,
    /// Set after a failure to write: everything stays in memory from then on.
    failed: bool,
}

impl Default for Spill {
    fn default() -> Self {
        Spill::with_segment_bytes(SEGMENT_BYTES)
    }
}

impl Spill {
    fn with_segment_bytes(segment_bytes: u64) -> Self {
        Spill {
            segment_bytes,
            segments: Vec::new(),
            failed: false,
        }
    }

    /// Park `text` on disk (in memory if that fails).
    pub(crate) fn park(&mut self, text: String) -> Parked {
        if self.failed || text.is_empty() {
            return Parked::Memory(text);
        }
        match self.write(&text) {
            Ok(p) => p,
            Err(error) => {
                tracing::warn!(%error, "cannot park document text in a temporary file; keeping it in memory");
                self.failed = true;
                Parked::Memory(text)
            }
        }
    }

    fn write(&mut self, text: &str) -> io::Result<Parked> {
        let full = match self.segments.last() {
            Some(Some(s)) => s.len >= self.segment_bytes,
            _ => true,
        };
        if full {
            self.segments.push(Some(Segment {
                file: Arc::new(tempfile::tempfile()?),
                len: 0,
                live: 0,
            }));
        }
        let segment = self.segments.len() - 1;
        let Some(Some(s)) = self.segments.last_mut() else {
            return Err(io::Error::other("no open segment"));
        };
        let offset = s.len;
        // Through a shared reference: `File` writes at its own cursor, which is the end.
        (&*s.file).write_all(text.as_bytes())?;
        s.len += text.len() as u64;
        s.live += 1;
        Ok(Parked::Disk {
            file: Arc::clone(&s.file),
            segment,
            offset,
            len: text.len(),
        })
    }

    /// The text will be read by its holder and never again: its segment is let go once that was
    /// its last text (and it is not the one being written).
    pub(crate) fn release(&mut self, parked: &Parked) {
        let Parked::Disk { segment, .. } = *parked else {
            return;
        };
        let last = self.segments.len().saturating_sub(1);
        if let Some(slot) = self.segments.get_mut(segment) {
            if let Some(s) = slot {
                s.live = s.live.saturating_sub(1);
                if s.live == 0 && segment != last {
                    *slot = None;
                }
            }
        }
    }

    /// Segment files the spill still holds.
    #[cfg(test)]
    fn files(&self) -> usize {
        self.segments.iter().flatten().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_intact_and_released_segments_are_let_go() {
        let mut spill = Spill::with_segment_bytes(10);
        let texts = ["première ligne", "second", "", "ünïcödé third text", "x"];
        let parked: Vec<Parked> = texts.iter().map(|t| spill.park((*t).to_owned())).collect();
        assert!(matches!(parked[2], Parked::Memory(_)));
        assert_eq!(
            spill.files(),
            3,
            "a segment takes texts until it passes its size"
        );
        let mut back = Vec::new();
        for p in parked {
            spill.release(&p);
            back.push(p.read().expect("parked text"));
        }
        assert_eq!(back, texts);
        // Every segment but the one being written is gone once its texts were taken.
        assert_eq!(spill.files(), 1);
    }

    #[test]
    fn releasing_in_any_order_lets_a_segment_go_only_when_empty() {
        let mut spill = Spill::with_segment_bytes(8);
        let a = spill.park("aaaa".into());
        let b = spill.park("bbbbbbbb".into());
        let c = spill.park("cccc".into());
        assert_eq!(spill.files(), 2);
        spill.release(&b);
        assert_eq!(spill.files(), 2, "segment 0 still holds a");
        spill.release(&a);
        assert_eq!(spill.files(), 1);
        // Released texts stay readable by their holders after the spill let the file go.
        assert_eq!(a.read().expect("parked text"), "aaaa");
        assert_eq!(b.read().expect("parked text"), "bbbbbbbb");
        spill.release(&c);
        assert_eq!(c.read().expect("parked text"), "cccc");
    }
}
