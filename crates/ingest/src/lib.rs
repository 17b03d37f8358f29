//! storyline ingest stage.
