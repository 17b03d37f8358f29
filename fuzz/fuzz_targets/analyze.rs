//! Per-document analysis (quotes and speakers, entities, dates, credited agencies), then the
//! event-level merges over the result. The first two bytes pick the reference day.
#![no_main]
use libfuzzer_sys::fuzz_target;
use storyline_model::Document;

fuzz_target!(|data: &[u8]| {
    let (day, text) = match data {
        [a, b, rest @ ..] => (Some(u16::from_le_bytes([*a, *b])), rest),
        _ => (None, data),
    };
    let reference = day.and_then(|d| {
        chrono::NaiveDate::from_ymd_opt(1980, 1, 1)
            .and_then(|base| base.checked_add_days(chrono::Days::new(u64::from(d))))
    });
    let doc = Document {
        id: "f".into(),
        text: String::from_utf8_lossy(text).into_owned(),
        ..Document::default()
    };
    let mut analyses = vec![storyline_analyze::analyze_document(&doc, reference)];
    storyline_fuzz::check_analysis(&doc.text, &analyses[0]);
    let docs = [doc];
    storyline_analyze::link_entities(&docs, &mut analyses);
    storyline_fuzz::check_analysis(&docs[0].text, &analyses[0]);
    let _ = storyline_analyze::event_quotes(&docs, &analyses);
    let _ = storyline_analyze::event_entities(&docs, &analyses);
    let _ = storyline_analyze::timeline(&docs, &analyses);
    let _ = storyline_analyze::event_attributions(&docs, &analyses);
});
