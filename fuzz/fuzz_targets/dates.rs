//! Date parsing of metadata values: `published` fields and `<meta>` / JSON-LD / `<time>` dates;
//! a normalised date must read back as a day.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    if let Some(d) = storyline_extract::normalize_date(&s) {
        // A normalised date is one the model reads back as a day.
        assert!(
            storyline_model::parse_published(&d).is_some(),
            "normalize_date({s:?}) = {d:?} is not readable"
        );
    }
    let _ = storyline_model::parse_published(&s);
    let _ = storyline_model::published_days(&s);
});
