//! Eager validation. wasm3 parses a module up front but checks and compiles
//! function bodies lazily; `validate` forces all of it so that an invalid
//! module fails when it is compiled, not on its first call.
use crate::ffi::{environment, Module_GetFunction, ValidateFunction};
use crate::outcome::describe;
use napi::bindgen_prelude::{AsyncTask, Uint8Array};
use napi::{Env, Result, Task};
use wasm3x_sys::*;

/// Returns None for a valid module, else `error:<message>`. Functions
/// `first_defined..function_count` are the module's own (after its imports).
#[napi_derive::napi]
pub fn validate(bytes: Uint8Array, first_defined: u32, function_count: u32) -> Option<String> {
    validate_bytes(&bytes, first_defined, function_count)
}

/// `validate` on a libuv pool thread, for `compileAsync`. wasm3 keeps no
/// global state, and each thread has its own environment (see ffi.rs).
#[napi_derive::napi]
pub fn validate_async(bytes: Uint8Array, first_defined: u32, function_count: u32) -> AsyncTask<ValidateTask> {
    AsyncTask::new(ValidateTask { bytes: bytes.to_vec(), first_defined, function_count })
}

pub struct ValidateTask {
    bytes: Vec<u8>,
    first_defined: u32,
    function_count: u32,
}

impl Task for ValidateTask {
    type Output = Option<String>;
    type JsValue = Option<String>;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(validate_bytes(&self.bytes, self.first_defined, self.function_count))
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(output)
    }
}

fn validate_bytes(bytes: &[u8], first_defined: u32, function_count: u32) -> Option<String> {
    unsafe {
        let env = environment();
        let mut module: IM3Module = std::ptr::null_mut();
        let r = m3_ParseModule(env, &mut module, bytes.as_ptr(), bytes.len() as u32);
        if !r.is_null() {
            return Some(describe(r, std::ptr::null_mut()));
        }
        // Compiling needs the module loaded into a runtime. Loading can fail for
        // reasons that are not compile errors (segments out of bounds, an
        // imported memory it cannot place data in); then validate body by body.
        let runtime = m3_NewRuntime(env, 64 * 1024, std::ptr::null_mut());
        let r = m3_LoadModule(runtime, module);
        let outcome = if r.is_null() {
            let r = m3_CompileModule(module);
            if r.is_null() { None } else { Some(describe(r, runtime)) }
        } else {
            let outcome = validate_bodies(module, first_defined, function_count);
            m3_FreeModule(module);
            outcome
        };
        m3_FreeRuntime(runtime);
        outcome
    }
}

unsafe fn validate_bodies(module: IM3Module, first: u32, count: u32) -> Option<String> {
    for index in first..count {
        let f = Module_GetFunction(module, index);
        if f.is_null() {
            continue;
        }
        let r = ValidateFunction(f);
        if !r.is_null() {
            return Some(describe(r, std::ptr::null_mut()));
        }
    }
    None
}
