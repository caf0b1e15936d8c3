//! The exported API: the objects and functions Kotlin and Swift see, each a thin
//! facade over the layers below. This folder is the whole FFI surface.

pub(crate) mod checkins;
pub(crate) mod device_key;
pub(crate) mod functions;
pub(crate) mod journal;
pub(crate) mod plan;
pub(crate) mod privacy;
pub(crate) mod prompts;
pub(crate) mod screens;
pub(crate) mod session;
pub(crate) mod support;
pub(crate) mod trends;
pub(crate) mod vault;
