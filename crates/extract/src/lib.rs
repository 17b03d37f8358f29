//! storyline extract stage.
