//! storyline pipeline stage.
