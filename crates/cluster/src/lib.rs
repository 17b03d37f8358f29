//! storyline cluster stage.
