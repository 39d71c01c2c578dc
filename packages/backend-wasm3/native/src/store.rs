//! A store's native state: one wasm3 runtime per instance (wasm3 keeps the
//! linear memory in the runtime, so instances cannot share one), plus tables
//! of the functions and globals JavaScript holds ids of.
use crate::context::{import_trampoline, with_context, Link};
use crate::ffi::{environment, Module_GetFunction, ResizeMemory};
use crate::outcome::{describe, is_host_error};
use crate::slots::{check, slots};
use napi::bindgen_prelude::Uint8Array;
use napi::{sys, Either, Env, Error, JsFunction, NapiRaw, Result, Status};
use std::collections::HashSet;
use std::ffi::CString;
use std::os::raw::c_void;
use wasm3x_sys::*;

/// Bytes of wasm3 value stack per instance; overflowing it traps (StackOverflow).
const VALUE_STACK_BYTES: u32 = 1 << 20;
const PAGE: u64 = 65536;

struct Instance {
    runtime: IM3Runtime,
    module: IM3Module,
    has_memory: bool,
    // wasm3 reads the module bytes and link records for as long as the runtime lives.
    _bytes: Box<[u8]>,
    _links: Vec<Box<Link>>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        // Frees the runtime with its loaded module, stack and memory.
        unsafe { m3_FreeRuntime(self.runtime) };
    }
}

/// One import of an instance, in the module's import order. Function imports
/// name either a host function id or a wasm function id; global imports name
/// the slot holding their value and their wasm3 type code.
#[napi_derive::napi(object)]
pub struct ImportSpec {
    pub module: String,
    pub name: String,
    pub host: Option<u32>,
    pub func: Option<u32>,
    pub global_slot: Option<u32>,
    pub global_type: Option<u32>,
}

#[napi_derive::napi]
pub struct NativeStore {
    instances: Vec<Instance>,
    funcs: Vec<IM3Function>,
    globals: Vec<IM3Global>,
    /// Entries into wasm currently on the stack; disposing waits for them.
    active: u32,
    disposed: bool,
}

#[napi_derive::napi]
impl NativeStore {
    #[napi(constructor)]
    pub fn new() -> Self {
        NativeStore { instances: Vec::new(), funcs: Vec::new(), globals: Vec::new(), active: 0, disposed: false }
    }

    /// Instantiates a module: returns the instance id, or the error text
    /// (`trap:...` / `error:...`); a host function's exception is rethrown.
    /// `has_memory` says whether the module defines a memory (wasm3 has no
    /// memory to ask about otherwise).
    #[napi]
    pub fn instantiate(&mut self, env: Env, bytes: Uint8Array, imports: Vec<ImportSpec>, has_memory: bool, dispatcher: JsFunction) -> Result<Either<u32, String>> {
        self.usable()?;
        let bytes: Box<[u8]> = bytes.to_vec().into_boxed_slice();
        unsafe {
            let runtime = m3_NewRuntime(environment(), VALUE_STACK_BYTES, std::ptr::null_mut());
            if runtime.is_null() {
                return Ok(Either::B("error:out of memory creating a wasm3 runtime".into()));
            }
            let mut module: IM3Module = std::ptr::null_mut();
            let r = m3_ParseModule(environment(), &mut module, bytes.as_ptr(), bytes.len() as u32);
            if !r.is_null() {
                let e = describe(r, runtime);
                m3_FreeRuntime(runtime);
                return Ok(Either::B(e));
            }
            // Globals are copied in before loading: initialisers may read them.
            for spec in &imports {
                if let (Some(slot), Some(ty)) = (spec.global_slot, spec.global_type) {
                    let mut value: M3TaggedValue = std::mem::zeroed();
                    value.type_ = ty;
                    value.value.i64_ = *slots().add(slot as usize);
                    let (m, n) = (cstring(&spec.module)?, cstring(&spec.name)?);
                    let r = m3_LinkGlobal(module, m.as_ptr(), n.as_ptr(), &mut value);
                    if !r.is_null() {
                        let e = describe(r, runtime);
                        m3_FreeModule(module);
                        m3_FreeRuntime(runtime);
                        return Ok(Either::B(e));
                    }
                }
            }
            let r = m3_LoadModule(runtime, module);
            if !r.is_null() {
                let e = describe(r, runtime);
                m3_FreeModule(module);
                m3_FreeRuntime(runtime);
                return Ok(Either::B(e));
            }
            let mut instance = Instance { runtime, module, has_memory, _bytes: bytes, _links: Vec::new() };
            let mut seen = HashSet::new();
            for spec in &imports {
                let link = match (spec.host, spec.func) {
                    (Some(id), _) => Link::Host(id),
                    (None, Some(id)) => Link::Wasm(self.func(id)?),
                    _ => continue,
                };
                // wasm3 links every import of that name at once.
                if !seen.insert((spec.module.clone(), spec.name.clone())) {
                    continue;
                }
                let link = Box::new(link);
                let (m, n) = (cstring(&spec.module)?, cstring(&spec.name)?);
                let r = m3_LinkRawFunctionEx(
                    module,
                    m.as_ptr(),
                    n.as_ptr(),
                    std::ptr::null(),
                    Some(import_trampoline),
                    &*link as *const Link as *const c_void,
                );
                instance._links.push(link);
                if !r.is_null() {
                    return Ok(Either::B(describe(r, runtime)));
                }
            }
            let r = m3_CompileModule(module);
            if !r.is_null() {
                return Ok(Either::B(describe(r, runtime)));
            }
            self.active += 1;
            let (r, exception) = with_context(env.raw(), dispatcher.raw(), || m3_RunStart(module));
            self.active -= 1;
            if !r.is_null() {
                return self.failure(env, r, runtime, exception).map(Either::B);
            }
            self.instances.push(instance);
            Ok(Either::A((self.instances.len() - 1) as u32))
        }
    }

    /// An id for the function at `index` of an instance's function index space.
    #[napi]
    pub fn export_func(&mut self, instance: u32, index: u32) -> Result<u32> {
        let inst = self.instance(instance)?;
        let f = unsafe { Module_GetFunction(inst.module, index) };
        if f.is_null() {
            return Err(Error::from_reason(format!("no function {index} in instance {instance}")));
        }
        self.funcs.push(f);
        Ok((self.funcs.len() - 1) as u32)
    }

    /// An id for the global an instance exports as `name`.
    #[napi]
    pub fn export_global(&mut self, instance: u32, name: String) -> Result<u32> {
        let inst = self.instance(instance)?;
        let n = cstring(&name)?;
        let g = unsafe { m3_FindGlobal(inst.module, n.as_ptr()) };
        if g.is_null() {
            return Err(Error::from_reason(format!("wasm3 finds no exported global \"{name}\"")));
        }
        self.globals.push(g);
        Ok((self.globals.len() - 1) as u32)
    }

    /// Calls a wasm function with its arguments in the slots; its results
    /// replace them. Returns the error text of a trap, or undefined.
    #[napi]
    pub fn call(&mut self, env: Env, func: u32, dispatcher: JsFunction) -> Result<Option<String>> {
        self.usable()?;
        let f = self.func(func)?;
        unsafe {
            let nargs = m3_GetArgCount(f) as usize;
            let nrets = m3_GetRetCount(f) as usize;
            let base = slots();
            let args: Vec<*const c_void> = (0..nargs).map(|i| base.add(i) as *const c_void).collect();
            self.active += 1;
            let (r, exception) = with_context(env.raw(), dispatcher.raw(), || m3_Call(f, nargs as u32, args.as_ptr() as *mut *const c_void));
            self.active -= 1;
            if !r.is_null() {
                let runtime = m3_GetModuleRuntime(m3_GetFunctionModule(f));
                return self.failure(env, r, runtime, exception).map(Some);
            }
            let rets: Vec<*const c_void> = (0..nrets).map(|i| base.add(i) as *const c_void).collect();
            let r = m3_GetResults(f, nrets as u32, rets.as_ptr() as *mut *const c_void);
            self.finish_dispose();
            if r.is_null() { Ok(None) } else { Ok(Some(describe(r, std::ptr::null_mut()))) }
        }
    }

    /// Reads a global into slot 0.
    #[napi]
    pub fn global_get(&self, global: u32) -> Result<()> {
        let g = self.global(global)?;
        unsafe {
            let mut value: M3TaggedValue = std::mem::zeroed();
            let r = m3_GetGlobal(g, &mut value);
            if !r.is_null() {
                return Err(Error::from_reason(describe(r, std::ptr::null_mut())));
            }
            *slots() = value.value.i64_;
        }
        Ok(())
    }

    /// Sets a global from slot 0.
    #[napi]
    pub fn global_set(&self, global: u32) -> Result<()> {
        let g = self.global(global)?;
        unsafe {
            let mut value: M3TaggedValue = std::mem::zeroed();
            value.type_ = m3_GetGlobalType(g);
            value.value.i64_ = *slots();
            let r = m3_SetGlobal(g, &mut value);
            if !r.is_null() {
                return Err(Error::from_reason(describe(r, std::ptr::null_mut())));
            }
        }
        Ok(())
    }

    /// The size of an instance's memory in bytes.
    #[napi]
    pub fn memory_size(&self, instance: u32) -> Result<f64> {
        let inst = self.memory_instance(instance)?;
        let mut size = 0u32;
        unsafe { m3_GetMemory(inst.runtime, &mut size, 0) };
        Ok(size as f64)
    }

    /// Grows an instance's memory, returning the previous size in pages or -1.
    #[napi]
    pub fn memory_grow(&self, instance: u32, delta: u32) -> Result<i64> {
        let inst = self.memory_instance(instance)?;
        unsafe {
            let mut size = 0u32;
            m3_GetMemory(inst.runtime, &mut size, 0);
            let old = size as u64 / PAGE;
            let new = old + delta as u64;
            if new > 65536 {
                return Ok(-1);
            }
            let r = ResizeMemory(inst.runtime, new as u32);
            Ok(if r.is_null() { old as i64 } else { -1 })
        }
    }

    #[napi]
    pub fn memory_read(&self, instance: u32, offset: f64, mut dest: Uint8Array) -> Result<()> {
        let len = dest.len();
        let mem = self.memory_slice(instance, offset, len)?;
        dest.copy_from_slice(unsafe { std::slice::from_raw_parts(mem, len) });
        Ok(())
    }

    #[napi]
    pub fn memory_write(&self, instance: u32, offset: f64, src: Uint8Array) -> Result<()> {
        let mem = self.memory_slice(instance, offset, src.len())?;
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), mem, src.len()) };
        Ok(())
    }

    /// Frees every runtime now, or when the last running call returns.
    #[napi]
    pub fn dispose(&mut self) {
        self.disposed = true;
        self.finish_dispose();
    }
}

impl NativeStore {
    fn usable(&self) -> Result<()> {
        if self.disposed {
            Err(Error::new(Status::InvalidArg, "the wasm3 store was disposed".to_owned()))
        } else {
            Ok(())
        }
    }

    fn finish_dispose(&mut self) {
        if self.disposed && self.active == 0 {
            self.funcs.clear();
            self.globals.clear();
            self.instances.clear();
        }
    }

    fn func(&self, id: u32) -> Result<IM3Function> {
        self.usable()?;
        self.funcs.get(id as usize).copied().ok_or_else(|| Error::from_reason(format!("unknown wasm3 function id {id}")))
    }

    fn global(&self, id: u32) -> Result<IM3Global> {
        self.usable()?;
        self.globals.get(id as usize).copied().ok_or_else(|| Error::from_reason(format!("unknown wasm3 global id {id}")))
    }

    fn instance(&self, id: u32) -> Result<&Instance> {
        self.usable()?;
        self.instances.get(id as usize).ok_or_else(|| Error::from_reason(format!("unknown wasm3 instance id {id}")))
    }

    fn memory_instance(&self, id: u32) -> Result<&Instance> {
        let inst = self.instance(id)?;
        if !inst.has_memory {
            return Err(Error::from_reason("the instance has no memory".to_owned()));
        }
        Ok(inst)
    }

    fn memory_slice(&self, instance: u32, offset: f64, len: usize) -> Result<*mut u8> {
        let inst = self.memory_instance(instance)?;
        let mut size = 0u32;
        let base = unsafe { m3_GetMemory(inst.runtime, &mut size, 0) };
        if offset < 0.0 || offset + len as f64 > size as f64 || (base.is_null() && len > 0) {
            return Err(Error::new(Status::InvalidArg, format!("range {offset}+{len} is outside the memory ({size} bytes)")));
        }
        Ok(unsafe { base.add(offset as usize) })
    }

    /// The text for a failed entry; a host exception is rethrown instead.
    unsafe fn failure(&mut self, env: Env, r: M3Result, runtime: IM3Runtime, exception: sys::napi_value) -> Result<String> {
        self.finish_dispose();
        if is_host_error(r) && !exception.is_null() {
            check(sys::napi_throw(env.raw(), exception))?;
            return Err(Error::new(Status::PendingException, "host exception".to_owned()));
        }
        Ok(describe(r, if self.disposed { std::ptr::null_mut() } else { runtime }))
    }
}

impl Drop for NativeStore {
    fn drop(&mut self) {
        self.funcs.clear();
        self.globals.clear();
        self.instances.clear();
    }
}

fn cstring(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::from_reason(format!("wasm3 cannot link the name {s:?}: it contains a NUL byte")))
}
