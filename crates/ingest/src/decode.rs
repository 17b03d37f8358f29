//! Bytes to text: charset detection and decoding.
//!
//! Order of evidence, strongest first: a byte-order mark, the page's own declaration
//! (`<meta charset>` / `http-equiv`), valid UTF-8, and finally statistical detection. The HTML
//! standard's prescan looks at the first 1024 bytes; pages in the wild put the meta later, so
//! we look a little further.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, with a note when the bytes were not what they claimed.
pub struct Decoded {
    pub text: String,
    /// Name of the encoding used.
    pub encoding: &'static str,
    /// Set when the input was not valid in the encoding it declared or implied (e.g. a `.txt`
    /// that is not UTF-8): the text is still usable but the user should know.
    pub warning: Option<String>,
}

const PRESCAN: usize = 4096;

/// Find `charset=...` in the head of an HTML page.
pub fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b'.' | b':'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // A page that says UTF-16 in its ASCII-compatible bytes is lying; the standard says UTF-8.
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decode `bytes`; `declared` is an encoding the container claims (HTTP header, meta tag).
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), enc, had_errors);
    }
    if let Some(enc) = declared {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors || enc != UTF_8 {
            return finish(text.into_owned(), enc, had_errors);
        }
        // Declared UTF-8 but is not: fall through to detection, which is usually right
        // (a legacy page with a copied-in template header).
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
            warning: None,
        },
        Err(e) => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            let enc = det.guess(None, true);
            let (text, _, had_errors) = enc.decode(bytes);
            let note = format!(
                "not valid UTF-8 (first bad byte at offset {}); decoded as {}",
                e.valid_up_to(),
                enc.name()
            );
            let mut d = finish(text.into_owned(), enc, had_errors);
            d.warning = Some(match d.warning {
                Some(w) => format!("{note}; {w}"),
                None => note,
            });
            d
        }
    }
}

fn finish(text: String, enc: &'static Encoding, had_errors: bool) -> Decoded {
    Decoded {
        text,
        encoding: enc.name(),
        warning: had_errors.then(|| format!("invalid {} byte sequences replaced", enc.name())),
    }
}

/// Whether bytes look like a binary file rather than text in any encoding.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    // UTF-16 text legitimately has NULs; a BOM says so.
    if Encoding::for_bom(head).is_some_and(|(e, _)| e != UTF_8) {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 20 > head.len()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn meta_charset_wins_over_detection() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body>";
        let enc = sniff_meta_charset(page);
        assert_eq!(enc.map(|e| e.name()), Some("windows-1252"));
        let d = decode(page, enc);
        assert!(d.text.contains("café"));
        assert!(d.warning.is_none());
    }

    #[test]
    fn http_equiv_form_is_read() {
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>";
        assert_eq!(
            sniff_meta_charset(page).map(|e| e.name()),
            Some("windows-1252")
        );
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_warning() {
        let d = decode(b"Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e, na\xefve.", None);
        assert!(d.text.contains("Café"), "{}", d.text);
        assert!(d.warning.unwrap().contains("not valid UTF-8"));
    }

    #[test]
    fn bom_decides() {
        let d = decode(b"\xef\xbb\xbfhello", None);
        assert_eq!(d.text, "hello");
        let d = decode(b"\xff\xfeh\x00i\x00", None);
        assert_eq!(d.text, "hi");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00\x00\x00"));
        assert!(!looks_binary(
            "plain news text\nwith lines — and dashes".as_bytes()
        ));
        assert!(!looks_binary(b"\xff\xfeh\x00i\x00"));
    }
}
