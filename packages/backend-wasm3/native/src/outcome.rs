//! Turns wasm3's results (pointers to static message strings) into the text
//! the TypeScript side parses: `trap:<TrapCode>:<message>` or `error:<message>`.
use crate::ffi::cstr_to_string;
use wasm3x_sys::*;

/// Returned from import trampolines when a JavaScript host function threw;
/// the exception itself waits in the call context.
pub static HOST_ERROR: &[u8] = b"[host] a host function threw\0";
/// Returned when wasm is entered other than through this addon's call paths.
pub static NO_CONTEXT: &[u8] = b"[host] host function called outside of a call\0";

pub fn host_error() -> M3Result {
    HOST_ERROR.as_ptr() as M3Result
}

pub fn no_context() -> M3Result {
    NO_CONTEXT.as_ptr() as M3Result
}

pub fn is_host_error(r: M3Result) -> bool {
    r == host_error()
}

/// The core TrapCode for a wasm3 trap result, if it is one.
pub fn trap_code(r: M3Result) -> Option<&'static str> {
    unsafe {
        let table: [(M3Result, &'static str); 12] = [
            (m3Err_trapOutOfBoundsMemoryAccess, "MemoryOutOfBounds"),
            (m3Err_trapDivisionByZero, "IntegerDivisionByZero"),
            (m3Err_trapIntegerOverflow, "IntegerOverflow"),
            (m3Err_trapIntegerConversion, "BadConversionToInteger"),
            (m3Err_trapIndirectCallTypeMismatch, "BadSignature"),
            (m3Err_trapTableIndexOutOfRange, "TableOutOfBounds"),
            (m3Err_trapTableElementIsNull, "IndirectCallToNull"),
            (m3Err_trapNullReference, "IndirectCallToNull"),
            (m3Err_trapNullFunctionRef, "IndirectCallToNull"),
            (m3Err_trapTableOutOfBounds, "TableOutOfBounds"),
            (m3Err_trapUnreachable, "UnreachableCodeReached"),
            (m3Err_trapStackOverflow, "StackOverflow"),
        ];
        for (p, code) in table {
            if p == r {
                return Some(code);
            }
        }
    }
    // Instantiation reports out-of-bounds segments with ad-hoc strings.
    let text = cstr_to_string(r);
    match text.as_str() {
        "data segment out of bounds" => Some("MemoryOutOfBounds"),
        "out of bounds table access" | "table underflow" => Some("TableOutOfBounds"),
        _ => None,
    }
}

/// The text for a failed result, with wasm3's detail message when it has one.
pub fn describe(r: M3Result, runtime: IM3Runtime) -> String {
    let text = cstr_to_string(r);
    let mut detail = String::new();
    if !runtime.is_null() {
        let mut info: M3ErrorInfo = unsafe { std::mem::zeroed() };
        unsafe { m3_GetErrorInfo(runtime, &mut info) };
        if info.result == r {
            detail = cstr_to_string(info.message);
        }
    }
    let message = if detail.is_empty() || detail == text { text } else { format!("{text}: {detail}") };
    match trap_code(r) {
        Some(code) => format!("trap:{code}:{message}"),
        None => format!("error:{message}"),
    }
}
