//! Node addon behind `@wrl/backend-wasm3`: the wasm3 interpreter (C, built by
//! `wasm3x-sys`) exposed through N-API. Values cross in a shared slot buffer
//! (see `slots.rs`); the TypeScript side owns types and wrappers.
#![allow(clippy::missing_safety_doc)]

mod compile;
mod context;
mod ffi;
mod outcome;
mod slots;
mod store;

pub use compile::validate;
pub use slots::set_slots;
pub use store::*;

#[napi_derive::napi]
pub fn wasm3_version() -> String {
    let v = wasm3x_sys::M3_VERSION;
    String::from_utf8_lossy(&v[..v.len() - 1]).into_owned()
}

/// Whether this wasm3 build reuses frames for tail calls (needs clang's musttail).
#[napi_derive::napi]
pub fn has_guaranteed_tail_calls() -> bool {
    unsafe { wasm3x_sys::wasm3x_HasGuaranteedTailCall() }
}
