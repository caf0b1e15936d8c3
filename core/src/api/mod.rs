//! The exported API: the objects and functions Kotlin and Swift see.

pub(crate) mod vault;
