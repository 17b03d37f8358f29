//! storyline analyze stage.
