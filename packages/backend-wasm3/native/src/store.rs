//! A store's native state: one wasm3 runtime per instance (wasm3 keeps the
//! linear memory in the runtime, so instances cannot share one), plus tables
//! of the functions and globals JavaScript holds ids of.
//!
//! Stores live in a thread-local registry and are named by number: N-API
//! calls of plain functions cost a fraction of class-method calls, and the
//! `Rc` an entry point takes out keeps a store alive until it returns even
//! if a host function disposes it meanwhile.
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
use std::rc::Rc;
use wasm3x_sys::*;

/// Bytes of wasm3 value stack per instance; overflowing it traps (StackOverflow).
const VALUE_STACK_BYTES: u32 = 1 << 20;
const PAGE: u64 = 65536;
/// Calls with at most this many parameters or results pass pointers from the stack.
const INLINE_VALUES: usize = 16;

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

#[derive(Default)]
struct Store {
    instances: RefCell<Vec<Instance>>,
    funcs: RefCell<Vec<IM3Function>>,
    globals: RefCell<Vec<IM3Global>>,
    /// Native bytes reported to V8 (value stacks and memories), so that the
    /// garbage collector feels the weight of stores nobody disposes.
    external: Cell<i64>,
}

/// Store ids are a slot index (low 20 bits) and that slot's generation (high
/// 12 bits), so a slot can be reused while ids of disposed stores stay dead.
const INDEX_BITS: u32 = 20;
const INDEX_MASK: u32 = (1 << INDEX_BITS) - 1;

#[derive(Default)]
struct Registry {
    slots: Vec<(u32, Option<Rc<Store>>)>,
    free: Vec<u32>,
}

thread_local! {
    static STORES: RefCell<Registry> = RefCell::new(Registry::default());
}

fn store(id: u32) -> Result<Rc<Store>> {
    STORES
        .with(|r| match r.borrow().slots.get((id & INDEX_MASK) as usize) {
            Some((generation, Some(store))) if *generation == id >> INDEX_BITS => Some(store.clone()),
            _ => None,
        })
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("wasm3 store {id} was disposed")))
}

fn report(store: &Store, mut env: Env, delta: i64) {
    if delta != 0 && env.adjust_external_memory(delta).is_ok() {
        store.external.set(store.external.get() + delta);
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

/// A new, empty store; returns its id.
#[napi_derive::napi]
pub fn store_new() -> Result<u32> {
    STORES.with(|r| {
        let mut r = r.borrow_mut();
        let index = match r.free.pop() {
            Some(index) => index,
            None => {
                if r.slots.len() > INDEX_MASK as usize {
                    return Err(Error::from_reason(format!("more than {INDEX_MASK} wasm3 stores are open")));
                }
                r.slots.push((0, None));
                (r.slots.len() - 1) as u32
            }
        };
        let slot = &mut r.slots[index as usize];
        slot.1 = Some(Rc::new(Store::default()));
        Ok(slot.0 << INDEX_BITS | index)
    })
}

/// Forgets a store. Its runtimes are freed at once, or when the last call
/// running in it returns. Disposing twice is harmless.
#[napi_derive::napi]
pub fn store_dispose(env: Env, id: u32) {
    let removed = STORES.with(|r| {
        let mut r = r.borrow_mut();
        let index = id & INDEX_MASK;
        match r.slots.get_mut(index as usize) {
            Some(slot) if slot.0 == id >> INDEX_BITS && slot.1.is_some() => {
                let store = slot.1.take();
                slot.0 = (slot.0 + 1) & (u32::MAX >> INDEX_BITS);
                r.free.push(index);
                store
            }
            _ => None,
        }
    });
    if let Some(store) = removed {
        let weight = store.external.get();
        drop(store);
        if weight != 0 {
            let mut env = env;
            let _ = env.adjust_external_memory(-weight);
        }
    }
}

/// Instantiates a module: returns the instance id, or the error text
/// (`trap:...` / `error:...`); a host function's exception is rethrown.
/// `has_memory` says whether the module defines a memory (wasm3 has no
/// memory to ask about otherwise).
#[napi_derive::napi]
pub fn store_instantiate(env: Env, id: u32, bytes: Uint8Array, imports: Vec<ImportSpec>, has_memory: bool, dispatcher: JsFunction) -> Result<Either<u32, String>> {
    let store = store(id)?;
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
        // From here the runtime owns the module, and dropping `instance` frees both.
        let mut instance = Instance { runtime, module, has_memory, _bytes: bytes, _links: Vec::new() };
        let mut seen = HashSet::new();
        for spec in &imports {
            let link = match (spec.host, spec.func) {
                (Some(id), _) => Link::Host(id),
                (None, Some(id)) => Link::Wasm(func_of(&store, id)?),
                _ => continue,
            };
            // wasm3 links every import of that name at once.
            if !seen.insert((spec.module.clone(), spec.name.clone())) {
                continue;
            }
            let link = Box::new(link);
            let (m, n) = (cstring(&spec.module)?, cstring(&spec.name)?);
            let r = m3_LinkRawFunctionEx(module, m.as_ptr(), n.as_ptr(), std::ptr::null(), Some(import_trampoline), &*link as *const Link as *const c_void);
            instance._links.push(link);
            if !r.is_null() {
                return Ok(Either::B(describe(r, runtime)));
            }
        }
        let r = m3_CompileModule(module);
        if !r.is_null() {
            return Ok(Either::B(describe(r, runtime)));
        }
        let (r, exception) = with_context(env.raw(), dispatcher.raw(), || m3_RunStart(module));
        if !r.is_null() {
            return failure(env, r, runtime, exception).map(Either::B);
        }
        let weight = VALUE_STACK_BYTES as i64 + if has_memory { memory_bytes(runtime) as i64 } else { 0 };
        let index = {
            let mut instances = store.instances.borrow_mut();
            instances.push(instance);
            (instances.len() - 1) as u32
        };
        report(&store, env, weight);
        Ok(Either::A(index))
    }
}

/// An id for the function at `index` of an instance's function index space.
#[napi_derive::napi]
pub fn store_export_func(id: u32, instance: u32, index: u32) -> Result<u32> {
    let store = store(id)?;
    let module = with_instance(&store, instance, |i| i.module)?;
    let f = unsafe { Module_GetFunction(module, index) };
    if f.is_null() {
        return Err(Error::from_reason(format!("no function {index} in instance {instance}")));
    }
    let mut funcs = store.funcs.borrow_mut();
    funcs.push(f);
    Ok((funcs.len() - 1) as u32)
}

/// An id for the global an instance exports as `name`.
#[napi_derive::napi]
pub fn store_export_global(id: u32, instance: u32, name: String) -> Result<u32> {
    let store = store(id)?;
    let module = with_instance(&store, instance, |i| i.module)?;
    let n = cstring(&name)?;
    let g = unsafe { m3_FindGlobal(module, n.as_ptr()) };
    if g.is_null() {
        return Err(Error::from_reason(format!("wasm3 finds no exported global \"{name}\"")));
    }
    let mut globals = store.globals.borrow_mut();
    globals.push(g);
    Ok((globals.len() - 1) as u32)
}

/// Calls a wasm function with its arguments in the slots; its results
/// replace them. Returns the error text of a trap, or undefined; a host
/// function's exception is rethrown.
#[napi_derive::napi]
pub fn store_call(env: Env, id: u32, func: u32, dispatcher: JsFunction) -> Result<Option<String>> {
    let store = store(id)?;
    let f = func_of(&store, func)?;
    unsafe {
        let nargs = m3_GetArgCount(f) as usize;
        let nrets = m3_GetRetCount(f) as usize;
        let (r, exception) = with_slot_pointers(nargs, |args| with_context(env.raw(), dispatcher.raw(), || m3_Call(f, nargs as u32, args)));
        if !r.is_null() {
            let runtime = m3_GetModuleRuntime(m3_GetFunctionModule(f));
            return failure(env, r, runtime, exception).map(Some);
        }
        let r = with_slot_pointers(nrets, |rets| m3_GetResults(f, nrets as u32, rets));
        Ok(if r.is_null() { None } else { Some(describe(r, std::ptr::null_mut())) })
    }
    // `store` drops here: if a host function disposed the store, it is freed now.
}

/// Reads a global into slot 0.
#[napi_derive::napi]
pub fn store_global_get(id: u32, global: u32) -> Result<()> {
    let g = global_of(&*store(id)?, global)?;
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
#[napi_derive::napi]
pub fn store_global_set(id: u32, global: u32) -> Result<()> {
    let g = global_of(&*store(id)?, global)?;
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
#[napi_derive::napi]
pub fn store_memory_size(id: u32, instance: u32) -> Result<f64> {
    let runtime = memory_runtime(&*store(id)?, instance)?;
    Ok(memory_bytes(runtime) as f64)
}

/// Grows an instance's memory, returning the previous size in pages or -1.
#[napi_derive::napi]
pub fn store_memory_grow(env: Env, id: u32, instance: u32, delta: u32) -> Result<i64> {
    let store = store(id)?;
    let runtime = memory_runtime(&store, instance)?;
    let old = memory_bytes(runtime) as u64 / PAGE;
    let new = old + delta as u64;
    // wasm3 reports memory sizes as u32 bytes, so 65536 pages (4 GiB) would read back as 0.
    if new > 65535 {
        return Ok(-1);
    }
    if !unsafe { ResizeMemory(runtime, new as u32) }.is_null() {
        return Ok(-1);
    }
    report(&store, env, (delta as u64 * PAGE) as i64);
    Ok(old as i64)
}

#[napi_derive::napi]
pub fn store_memory_read(id: u32, instance: u32, offset: f64, mut dest: Uint8Array) -> Result<()> {
    let len = dest.len();
    let mem = memory_slice(&*store(id)?, instance, offset, len)?;
    if len > 0 {
        dest.copy_from_slice(unsafe { std::slice::from_raw_parts(mem, len) });
    }
    Ok(())
}

#[napi_derive::napi]
pub fn store_memory_write(id: u32, instance: u32, offset: f64, src: Uint8Array) -> Result<()> {
    let mem = memory_slice(&*store(id)?, instance, offset, src.len())?;
    if !src.is_empty() {
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), mem, src.len()) };
    }
    Ok(())
}

/// Runs `f` with an array of pointers to the first `n` slots.
unsafe fn with_slot_pointers<R>(n: usize, f: impl FnOnce(*mut *const c_void) -> R) -> R {
    let base = slots();
    if n <= INLINE_VALUES {
        let mut ptrs = [std::ptr::null::<c_void>(); INLINE_VALUES];
        for (i, p) in ptrs.iter_mut().enumerate().take(n) {
            *p = base.add(i) as *const c_void;
        }
        f(ptrs.as_mut_ptr())
    } else {
        let mut ptrs: Vec<*const c_void> = (0..n).map(|i| base.add(i) as *const c_void).collect();
        f(ptrs.as_mut_ptr())
    }
}

fn func_of(store: &Store, id: u32) -> Result<IM3Function> {
    store.funcs.borrow().get(id as usize).copied().ok_or_else(|| Error::from_reason(format!("unknown wasm3 function id {id}")))
}

fn global_of(store: &Store, id: u32) -> Result<IM3Global> {
    store.globals.borrow().get(id as usize).copied().ok_or_else(|| Error::from_reason(format!("unknown wasm3 global id {id}")))
}

fn with_instance<R>(store: &Store, id: u32, read: impl FnOnce(&Instance) -> R) -> Result<R> {
    let instances = store.instances.borrow();
    let inst = instances.get(id as usize).ok_or_else(|| Error::from_reason(format!("unknown wasm3 instance id {id}")))?;
    Ok(read(inst))
}

fn memory_runtime(store: &Store, id: u32) -> Result<IM3Runtime> {
    let (runtime, has_memory) = with_instance(store, id, |i| (i.runtime, i.has_memory))?;
    if !has_memory {
        return Err(Error::from_reason("the instance has no memory".to_owned()));
    }
    Ok(runtime)
}

fn memory_bytes(runtime: IM3Runtime) -> u32 {
    let mut size = 0u32;
    unsafe { m3_GetMemory(runtime, &mut size, 0) };
    size
}

fn memory_slice(store: &Store, instance: u32, offset: f64, len: usize) -> Result<*mut u8> {
    let runtime = memory_runtime(store, instance)?;
    let mut size = 0u32;
    let base = unsafe { m3_GetMemory(runtime, &mut size, 0) };
    if offset < 0.0 || offset + len as f64 > size as f64 || (base.is_null() && len > 0) {
        return Err(Error::new(Status::InvalidArg, format!("range {offset}+{len} is outside the memory ({size} bytes)")));
    }
    // Callers touch no bytes when len is 0, so a null base is never dereferenced.
    Ok(if base.is_null() { base } else { unsafe { base.add(offset as usize) } })
}

/// The text for a failed entry; a host exception is rethrown instead.
unsafe fn failure(env: Env, r: M3Result, runtime: IM3Runtime, exception: sys::napi_value) -> Result<String> {
    if is_host_error(r) && !exception.is_null() {
        check(sys::napi_throw(env.raw(), exception))?;
        return Err(Error::new(Status::PendingException, "host exception".to_owned()));
    }
    Ok(describe(r, runtime))
}

fn cstring(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::from_reason(format!("wasm3 cannot link the name {s:?}: it contains a NUL byte")))
}

