//! The slot buffer: one ArrayBuffer per thread, shared with JavaScript, of
//! 64-bit little-endian slots laid out like wasm3's own stack slots (an i32 or
//! f32 in the low half). Arguments, results, host-call values and global values
//! cross through it, so a call passes no JS values besides the function id.
use napi::{sys, Env, JsArrayBuffer, NapiRaw, Result};
use std::cell::Cell;

/// wasm3 allows at most 1000 parameters and results together.
pub const SLOT_COUNT: usize = 1024;

thread_local! {
    static SLOTS: Cell<*mut u64> = const { Cell::new(std::ptr::null_mut()) };
}

pub fn slots() -> *mut u64 {
    SLOTS.with(|s| s.get())
}

/// Registers the buffer (at least SLOT_COUNT * 8 bytes). It is kept alive for
/// the life of the thread through a reference that is never released.
#[napi_derive::napi]
pub fn set_slots(env: Env, buffer: JsArrayBuffer) -> Result<()> {
    unsafe {
        let raw = buffer.raw();
        let mut data: *mut std::os::raw::c_void = std::ptr::null_mut();
        let mut len: usize = 0;
        check(sys::napi_get_arraybuffer_info(env.raw(), raw, &mut data, &mut len))?;
        if len < SLOT_COUNT * 8 {
            return Err(napi::Error::from_reason(format!("slot buffer must hold {} bytes", SLOT_COUNT * 8)));
        }
        let mut reference: sys::napi_ref = std::ptr::null_mut();
        check(sys::napi_create_reference(env.raw(), raw, 1, &mut reference))?;
        SLOTS.with(|s| s.set(data as *mut u64));
    }
    Ok(())
}

pub fn check(status: sys::napi_status) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(napi::Status::from(status), "N-API call failed".to_owned()))
    }
}
