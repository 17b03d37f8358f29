//! storyline dedup stage.
