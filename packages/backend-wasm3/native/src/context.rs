//! The call context: what import trampolines need while wasm runs (the N-API
//! env, the JS dispatcher for host functions, a host exception on its way
//! out) kept in a thread-local, saved and restored around every entry so that
//! nested entries (wasm -> host -> wasm) each see their own.
use crate::outcome::{host_error, no_context};
use crate::slots::slots;
use napi::sys;
use std::cell::Cell;
use std::os::raw::c_void;
use wasm3x_sys::*;

/// Native stack wasm may use below the outermost entry. wasm3 enforces the
/// same budget per runtime (d_m3MaxNativeStack in .cargo/config.toml); this
/// check at each import call bounds chains that cross several runtimes.
pub const NATIVE_STACK_BUDGET: usize = 1 << 20;

#[derive(Clone, Copy)]
pub struct CallCtx {
    pub env: sys::napi_env,
    pub dispatcher: sys::napi_value,
    pub exception: sys::napi_value,
    pub entry_sp: usize,
}

const EMPTY: CallCtx = CallCtx {
    env: std::ptr::null_mut(),
    dispatcher: std::ptr::null_mut(),
    exception: std::ptr::null_mut(),
    entry_sp: 0,
};

thread_local! {
    static CTX: Cell<CallCtx> = const { Cell::new(EMPTY) };
}

#[inline(always)]
fn stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Runs `f` with a fresh context; returns its result and the host exception
/// raised inside, if any.
pub fn with_context<R>(env: sys::napi_env, dispatcher: sys::napi_value, f: impl FnOnce() -> R) -> (R, sys::napi_value) {
    let saved = CTX.with(|c| c.get());
    let entry_sp = if saved.env.is_null() { stack_pointer() } else { saved.entry_sp };
    CTX.with(|c| c.set(CallCtx { env, dispatcher, exception: std::ptr::null_mut(), entry_sp }));
    let r = f();
    let mine = CTX.with(|c| c.replace(saved));
    (r, mine.exception)
}

/// What an import is linked to; boxed, and its address given to wasm3 as userdata.
pub enum Link {
    /// A JavaScript host function, called through the dispatcher with this id.
    Host(u32),
    /// A wasm function of another instance (its own runtime).
    Wasm(IM3Function),
}

pub unsafe extern "C" fn import_trampoline(
    _runtime: IM3Runtime,
    ctx: IM3ImportContext,
    sp: *mut u64,
    _mem: *mut c_void,
) -> *const c_void {
    let c = CTX.with(|c| c.get());
    if c.env.is_null() {
        return no_context() as *const c_void;
    }
    if c.entry_sp.saturating_sub(stack_pointer()) > NATIVE_STACK_BUDGET {
        return m3Err_trapStackOverflow as *const c_void;
    }
    let func = (*ctx).function;
    let nargs = m3_GetArgCount(func) as usize;
    let nrets = m3_GetRetCount(func) as usize;
    match &*((*ctx).userdata as *const Link) {
        Link::Host(id) => call_host(c, *id, sp, nargs, nrets),
        Link::Wasm(target) => call_wasm(*target, sp, nargs, nrets),
    }
}

unsafe fn call_host(c: CallCtx, id: u32, sp: *mut u64, nargs: usize, nrets: usize) -> *const c_void {
    std::ptr::copy_nonoverlapping(sp.add(nrets), slots(), nargs);
    let mut arg: sys::napi_value = std::ptr::null_mut();
    let mut this: sys::napi_value = std::ptr::null_mut();
    let mut ret: sys::napi_value = std::ptr::null_mut();
    sys::napi_create_uint32(c.env, id, &mut arg);
    sys::napi_get_undefined(c.env, &mut this);
    let status = sys::napi_call_function(c.env, this, c.dispatcher, 1, &arg, &mut ret);
    if status != sys::Status::napi_ok {
        let mut exception: sys::napi_value = std::ptr::null_mut();
        sys::napi_get_and_clear_last_exception(c.env, &mut exception);
        CTX.with(|cell| {
            let mut cur = cell.get();
            cur.exception = exception;
            cell.set(cur);
        });
        return host_error() as *const c_void;
    }
    // Read the current buffer: the host function may have run nested calls.
    std::ptr::copy_nonoverlapping(slots(), sp, nrets);
    std::ptr::null()
}

unsafe fn call_wasm(target: IM3Function, sp: *mut u64, nargs: usize, nrets: usize) -> *const c_void {
    let args: Vec<*const c_void> = (0..nargs).map(|i| sp.add(nrets + i) as *const c_void).collect();
    let r = m3_Call(target, nargs as u32, args.as_ptr() as *mut *const c_void);
    if !r.is_null() {
        return r as *const c_void;
    }
    let rets: Vec<*const c_void> = (0..nrets).map(|i| sp.add(i) as *const c_void).collect();
    let r = m3_GetResults(target, nrets as u32, rets.as_ptr() as *mut *const c_void);
    r as *const c_void
}
