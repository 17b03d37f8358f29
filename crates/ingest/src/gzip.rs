//! Gzip input that refuses to be a decompression bomb.
//!
//! Per-record limits already bound memory, but skipping through a stream that inflates a
//! thousandfold — 10 MB on disk, 10 GB of one "line", or of blank lines — would still burn
//! minutes of CPU before the user hears anything. News text compresses about 3–10×, so a stream
//! that has produced more than the per-record limit *and* more than [`MAX_RATIO`] times what it
//! read is stopped there with [`Bomb`], which the readers report as [`crate::IngestError::Bomb`].

use std::io::{self, Read};

use flate2::read::MultiGzDecoder;

/// Inflation ratio no real text reaches; gzip's ceiling is about 1,030.
pub const MAX_RATIO: u64 = 100;

/// Why an [`Inflate`] stream stopped; travels inside an `io::Error` through the readers.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "gzip data inflates more than {MAX_RATIO}-fold ({compressed} bytes became over {inflated}), \
     a decompression bomb; the rest of the file is not read"
)]
pub struct Bomb {
    pub compressed: u64,
    pub inflated: u64,
}

/// Whether `e` is a stopped bomb rather than corrupt data.
pub fn bomb_of(e: &io::Error) -> Option<&Bomb> {
    e.get_ref()?.downcast_ref::<Bomb>()
}

/// Counts the compressed bytes the decoder pulls.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// All gzip members of a stream, decompressed, stopped once it inflates like a bomb.
pub struct Inflate<R: Read> {
    decoder: MultiGzDecoder<Counting<R>>,
    inflated: u64,
    /// Output allowed before the ratio is checked: small inputs legitimately inflate far
    /// (a few repeated lines), and within one record's limit they cost nothing.
    floor: u64,
    stopped: bool,
}

impl<R: Read> Inflate<R> {
    pub fn new(inner: R, floor: u64) -> Self {
        Inflate {
            decoder: MultiGzDecoder::new(Counting { inner, count: 0 }),
            inflated: 0,
            floor,
            stopped: false,
        }
    }

    fn bomb(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            Bomb {
                compressed: self.decoder.get_ref().count,
                inflated: self.inflated,
            },
        )
    }
}

impl<R: Read> Read for Inflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stopped {
            return Err(self.bomb());
        }
        let n = self.decoder.read(buf)?;
        self.inflated += n as u64;
        let compressed = self.decoder.get_ref().count;
        if self.inflated > self.floor && self.inflated / MAX_RATIO > compressed {
            self.stopped = true;
            return Err(self.bomb());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::io::Write;

    use flate2::write::GzEncoder;

    use super::*;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn a_bomb_stops_soon_after_the_floor() {
        let bomb = gz(&vec![0u8; 50 << 20]);
        let mut out = Vec::new();
        let err = Inflate::new(&bomb[..], 1 << 20)
            .read_to_end(&mut out)
            .unwrap_err();
        let b = bomb_of(&err).unwrap();
        // The decoder pulls compressed input 32 KiB at a time, so the ratio is judged against
        // a little more than it has used: it stops a few MB in, not 50.
        assert!(b.inflated > 1 << 20 && b.inflated < 8 << 20, "{b:?}");
        assert!(out.len() < 8 << 20);
        assert!(err.to_string().contains("decompression bomb"));
    }

    #[test]
    fn ordinary_text_and_small_repetitive_inputs_pass() {
        let text: String = (0..20_000u64)
            .map(|i| {
                format!(
                    "{{\"id\":{i},\"text\":\"Rain gauge {} read {} mm\"}}\n",
                    i * 7919 % 1013,
                    i % 97
                )
            })
            .collect();
        let mut out = String::new();
        Inflate::new(&gz(text.as_bytes())[..], 1000)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
        // Far over the ratio, but under the floor: one record's worth is always read.
        let zeros = vec![0u8; 500_000];
        let mut out = Vec::new();
        Inflate::new(&gz(&zeros)[..], 1 << 20)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, zeros);
    }
}
