//! storyline summarize stage.
