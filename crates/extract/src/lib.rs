//! storyline extract stage: from a decoded page (HTML or a text dump) to a clean [`Document`].
//!
//! Per-document extraction ([`extract`], [`extract_html`], [`clean_text`]) is pure and can run in
//! parallel; what only shows across documents — lines every page of a site repeats — is learned
//! separately by [`Templates`] and applied afterwards.
//!
//! HTML pages go through a small purpose-built tree builder (`dom`) instead of a full html5ever
//! DOM: the spec-complete parse alone would cost more than all of extraction, and extraction only
//! needs elements, a few attributes and text. Everything after parsing is a handful of linear
//! passes over the node array (see `html`).

mod dom;
mod html;
mod meta;
mod plain;
mod templates;

pub use html::extract_html;
pub use meta::normalize_date;
pub use plain::clean_text;
pub use templates::{Site, Templates};

use storyline_model::{Document, RawDocument, RawFormat};

/// Extract one raw document. The id always comes from the raw record; known hints win.
pub fn extract(raw: &RawDocument) -> Document {
    let mut hints = raw.hints.clone();
    hints.id.clone_from(&raw.id);
    match raw.format {
        RawFormat::Html => extract_html(&raw.content, &hints),
        RawFormat::Text => clean_text(&raw.content, &hints),
    }
}
