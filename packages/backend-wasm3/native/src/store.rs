//! A store's native state: one wasm3 runtime per instance (wasm3 keeps the
//! linear memory in the runtime, so instances cannot share one), plus tables
//! of the functions and globals JavaScript holds ids of.
use crate::context::{import_trampoline, with_context, Link};
use crate::ffi::{environment, Module_GetFunction, ResizeMemory};
use crate::outcome::{describe, is_host_error};
use crate::slots::{check, slots};
use napi::bindgen_prelude::Uint8Array;
use napi::{sys, Either, Env, Error, JsFunction, NapiRaw, Result, Status};
use std::cell::{Cell, RefCell};
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

/// Methods take `&self`: a host function can re-enter the store (call,
/// instantiate, dispose) while an outer call is running, so all state sits in
/// cells, borrowed only briefly and never across a call into wasm.
#[napi_derive::napi(custom_finalize)]
pub struct NativeStore {
    instances: RefCell<Vec<Instance>>,
    funcs: RefCell<Vec<IM3Function>>,
    globals: RefCell<Vec<IM3Global>>,
    /// Entries into wasm currently on the stack; disposing waits for them.
    active: Cell<u32>,
    disposed: Cell<bool>,
    /// Native bytes reported to V8 (value stacks and memories), so that the
    /// garbage collector feels the weight of stores nobody disposes.
    external: Cell<i64>,
}

#[napi_derive::napi]
impl NativeStore {
    #[napi(constructor)]
    pub fn new() -> Self {
        NativeStore { instances: RefCell::new(Vec::new()), funcs: RefCell::new(Vec::new()), globals: RefCell::new(Vec::new()), active: Cell::new(0), disposed: Cell::new(false), external: Cell::new(0) }
    }

    /// Instantiates a module: returns the instance id, or the error text
    /// (`trap:...` / `error:...`); a host function's exception is rethrown.
    /// `has_memory` says whether the module defines a memory (wasm3 has no
    /// memory to ask about otherwise).
    #[napi]
    pub fn instantiate(&self, env: Env, bytes: Uint8Array, imports: Vec<ImportSpec>, has_memory: bool, dispatcher: JsFunction) -> Result<Either<u32, String>> {
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
            self.enter();
            let (r, exception) = with_context(env.raw(), dispatcher.raw(), || m3_RunStart(module));
            self.leave();
            if !r.is_null() {
                let outcome = self.failure(env, r, runtime, exception);
                drop(instance);
                self.finish_dispose(env);
                return outcome.map(Either::B);
            }
            let weight = VALUE_STACK_BYTES as i64 + if has_memory { memory_bytes(runtime) as i64 } else { 0 };
            let id = {
                let mut instances = self.instances.borrow_mut();
                instances.push(instance);
                (instances.len() - 1) as u32
            };
            self.report(env, weight);
            self.finish_dispose(env);
            Ok(Either::A(id))
        }
    }

    /// An id for the function at `index` of an instance's function index space.
    #[napi]
    pub fn export_func(&self, instance: u32, index: u32) -> Result<u32> {
        let module = self.instance(instance, |i| i.module)?;
        let f = unsafe { Module_GetFunction(module, index) };
        if f.is_null() {
            return Err(Error::from_reason(format!("no function {index} in instance {instance}")));
        }
        let mut funcs = self.funcs.borrow_mut();
        funcs.push(f);
        Ok((funcs.len() - 1) as u32)
    }

    /// An id for the global an instance exports as `name`.
    #[napi]
    pub fn export_global(&self, instance: u32, name: String) -> Result<u32> {
        let module = self.instance(instance, |i| i.module)?;
        let n = cstring(&name)?;
        let g = unsafe { m3_FindGlobal(module, n.as_ptr()) };
        if g.is_null() {
            return Err(Error::from_reason(format!("wasm3 finds no exported global \"{name}\"")));
        }
        let mut globals = self.globals.borrow_mut();
        globals.push(g);
        Ok((globals.len() - 1) as u32)
    }

    /// Calls a wasm function with its arguments in the slots; its results
    /// replace them. Returns the error text of a trap, or undefined.
    #[napi]
    pub fn call(&self, env: Env, func: u32, dispatcher: JsFunction) -> Result<Option<String>> {
        self.usable()?;
        let f = self.func(func)?;
        unsafe {
            let nargs = m3_GetArgCount(f) as usize;
            let nrets = m3_GetRetCount(f) as usize;
            let base = slots();
            let args: Vec<*const c_void> = (0..nargs).map(|i| base.add(i) as *const c_void).collect();
            self.enter();
            let (r, exception) = with_context(env.raw(), dispatcher.raw(), || m3_Call(f, nargs as u32, args.as_ptr() as *mut *const c_void));
            self.leave();
            let outcome = if !r.is_null() {
                let runtime = m3_GetModuleRuntime(m3_GetFunctionModule(f));
                self.failure(env, r, runtime, exception).map(Some)
            } else {
                let rets: Vec<*const c_void> = (0..nrets).map(|i| base.add(i) as *const c_void).collect();
                let r = m3_GetResults(f, nrets as u32, rets.as_ptr() as *mut *const c_void);
                Ok(if r.is_null() { None } else { Some(describe(r, std::ptr::null_mut())) })
            };
            // A host function may have disposed the store; free it now that wasm is done with it.
            self.finish_dispose(env);
            outcome
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
        let runtime = self.memory_runtime(instance)?;
        let mut size = 0u32;
        unsafe { m3_GetMemory(runtime, &mut size, 0) };
        Ok(size as f64)
    }

    /// Grows an instance's memory, returning the previous size in pages or -1.
    #[napi]
    pub fn memory_grow(&self, env: Env, instance: u32, delta: u32) -> Result<i64> {
        let runtime = self.memory_runtime(instance)?;
        unsafe {
            let mut size = 0u32;
            m3_GetMemory(runtime, &mut size, 0);
            let old = size as u64 / PAGE;
            let new = old + delta as u64;
            if new > 65536 {
                return Ok(-1);
            }
            let r = ResizeMemory(runtime, new as u32);
            if !r.is_null() {
                return Ok(-1);
            }
            self.report(env, (delta as u64 * PAGE) as i64);
            Ok(old as i64)
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
    pub fn dispose(&self, env: Env) {
        self.disposed.set(true);
        self.finish_dispose(env);
    }
}

impl NativeStore {
    fn usable(&self) -> Result<()> {
        if self.disposed.get() {
            Err(Error::new(Status::InvalidArg, "the wasm3 store was disposed".to_owned()))
        } else {
            Ok(())
        }
    }

    fn enter(&self) {
        self.active.set(self.active.get() + 1);
    }

    fn leave(&self) {
        self.active.set(self.active.get() - 1);
    }

    fn finish_dispose(&self, env: Env) {
        if self.disposed.get() && self.active.get() == 0 {
            self.free_all();
            self.report(env, -self.external.get());
        }
    }

    fn report(&self, mut env: Env, delta: i64) {
        if delta != 0 && env.adjust_external_memory(delta).is_ok() {
            self.external.set(self.external.get() + delta);
        }
    }

    fn free_all(&self) {
        self.funcs.borrow_mut().clear();
        self.globals.borrow_mut().clear();
        // Take the instances out first: freeing runs no JS, but keep no borrow while it does.
        let instances = std::mem::take(&mut *self.instances.borrow_mut());
        drop(instances);
    }

    fn func(&self, id: u32) -> Result<IM3Function> {
        self.usable()?;
        self.funcs.borrow().get(id as usize).copied().ok_or_else(|| Error::from_reason(format!("unknown wasm3 function id {id}")))
    }

    fn global(&self, id: u32) -> Result<IM3Global> {
        self.usable()?;
        self.globals.borrow().get(id as usize).copied().ok_or_else(|| Error::from_reason(format!("unknown wasm3 global id {id}")))
    }

    fn instance<R>(&self, id: u32, read: impl FnOnce(&Instance) -> R) -> Result<R> {
        self.usable()?;
        let instances = self.instances.borrow();
        let inst = instances.get(id as usize).ok_or_else(|| Error::from_reason(format!("unknown wasm3 instance id {id}")))?;
        Ok(read(inst))
    }

    fn memory_runtime(&self, id: u32) -> Result<IM3Runtime> {
        let (runtime, has_memory) = self.instance(id, |i| (i.runtime, i.has_memory))?;
        if !has_memory {
            return Err(Error::from_reason("the instance has no memory".to_owned()));
        }
        Ok(runtime)
    }

    fn memory_slice(&self, instance: u32, offset: f64, len: usize) -> Result<*mut u8> {
        let runtime = self.memory_runtime(instance)?;
        let mut size = 0u32;
        let base = unsafe { m3_GetMemory(runtime, &mut size, 0) };
        if offset < 0.0 || offset + len as f64 > size as f64 || (base.is_null() && len > 0) {
            return Err(Error::new(Status::InvalidArg, format!("range {offset}+{len} is outside the memory ({size} bytes)")));
        }
        Ok(unsafe { base.add(offset as usize) })
    }

    /// The text for a failed entry; a host exception is rethrown instead.
    unsafe fn failure(&self, env: Env, r: M3Result, runtime: IM3Runtime, exception: sys::napi_value) -> Result<String> {
        if is_host_error(r) && !exception.is_null() {
            check(sys::napi_throw(env.raw(), exception))?;
            return Err(Error::new(Status::PendingException, "host exception".to_owned()));
        }
        Ok(describe(r, runtime))
    }
}

impl napi::bindgen_prelude::ObjectFinalize for NativeStore {
    fn finalize(self, env: Env) -> Result<()> {
        self.free_all();
        self.report(env, -self.external.get());
        Ok(())
    }
}

impl Drop for NativeStore {
    fn drop(&mut self) {
        self.free_all();
    }
}

fn memory_bytes(runtime: IM3Runtime) -> u32 {
    let mut size = 0u32;
    unsafe { m3_GetMemory(runtime, &mut size, 0) };
    size
}

fn cstring(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::from_reason(format!("wasm3 cannot link the name {s:?}: it contains a NUL byte")))
}
