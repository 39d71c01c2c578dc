//! wasm3 entry points that `wasm3.h` leaves out but the library defines (they
//! are non-static functions of wasm3's own sources, linked from the same
//! static library): memory growth, per-function validation and lookup by index.

use wasm3x_sys::{IM3Function, IM3Module, IM3Runtime, M3Result};

extern "C" {
    pub fn ResizeMemory(io_runtime: IM3Runtime, i_num_pages: u32) -> M3Result;
    pub fn ValidateFunction(i_function: IM3Function) -> M3Result;
    pub fn Module_GetFunction(i_module: IM3Module, i_function_index: u32) -> IM3Function;
}

/// One wasm3 environment per thread: it only caches function types, and N-API
/// calls of one addon instance all arrive on its thread.
pub fn environment() -> wasm3x_sys::IM3Environment {
    thread_local! {
        static ENV: wasm3x_sys::IM3Environment = unsafe { wasm3x_sys::m3_NewEnvironment() };
    }
    ENV.with(|e| *e)
}

pub fn cstr_to_string(p: *const std::os::raw::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

