/*
 * cglab_lua.h: the C side of the Swift <-> Lua boundary.
 *
 * Swift never executes a longjmp. Lua raises errors with longjmp, so:
 *  - Swift-implemented Lua functions are pushed as closures of one C trampoline, which calls the
 *    Swift dispatcher and raises the error (lua_error) only after the Swift frame has returned;
 *  - Swift calls Lua only through cglab_pcall;
 *  - API calls that can run metamethods have pcall-wrapped variants here (cglab_p*);
 *  - memory errors: the state's allocator aborts instead of returning NULL while a Swift frame is
 *    the innermost frame (see cglab_newstate), so allocation failures never longjmp over Swift.
 * The header also re-exports the Lua API macros Swift cannot import, as inline functions.
 */
#ifndef CGLAB_LUA_H
#define CGLAB_LUA_H

#include <stddef.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

/* ---- Lua API macros as functions --------------------------------------------------------- */

static inline int cglab_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int cglab_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void cglab_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void cglab_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *cglab_tostring(lua_State *L, int i) { return lua_tolstring(L, i, NULL); }
static inline void cglab_insert(lua_State *L, int i) { lua_insert(L, i); }
static inline void cglab_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void cglab_replace(lua_State *L, int i) { lua_replace(L, i); }
static inline void cglab_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline const char *cglab_typename_at(lua_State *L, int i) { return luaL_typename(L, i); }
static inline void *cglab_newuserdata(lua_State *L, size_t size, int nuvalue) {
    return lua_newuserdatauv(L, size, nuvalue);
}
static inline int cglab_gc(lua_State *L, int what) { return lua_gc(L, what); }
static inline int cglab_gc1(lua_State *L, int what, int arg) { return lua_gc(L, what, arg); }
static inline int cglab_gc_generational(lua_State *L) { return lua_gc(L, LUA_GCGEN, 0, 0); }
static inline int cglab_gc_incremental(lua_State *L) { return lua_gc(L, LUA_GCINC, 0, 0, 0); }
static inline int cglab_getmetatable_named(lua_State *L, const char *name) {
    return lua_getfield(L, LUA_REGISTRYINDEX, name); /* the registry has no metatable: raw */
}

/* ---- States ------------------------------------------------------------------------------ */

/*
 * A new Lua state with the standard panic and warning functions of lauxlib (warnings start off,
 * "@on" turns them on) and cglab's allocator. The allocator returns NULL on failure (Lua then
 * raises "not enough memory" as usual) only while Lua code is the innermost frame; while a Swift
 * frame is innermost it aborts with a message instead, since a longjmp must not cross Swift.
 */
lua_State *cglab_newstate(void);

/* Closes a state made by cglab_newstate and frees its allocator context. */
void cglab_close(lua_State *L);

/* Calls a function under lua_pcall (the Swift entry point into Lua). `msgh` as in lua_pcall. */
int cglab_pcall(lua_State *L, int nargs, int nresults, int msgh);

/* The message handler used by the host: converts the error object to a string (using __tostring
 * when present) and appends a traceback, like lua.c's msghandler. */
int cglab_traceback_handler(lua_State *L);

/* ---- Native functions (the trampoline) --------------------------------------------------- */

/* Result of a Swift native body: >= 0 results, or this sentinel with the error object on top. */
#define CGLAB_NATIVE_ERROR (-1)

/* The Swift dispatcher: runs the native function `box` (upvalue 1 of the closure) on the
   `nargs` arguments on the stack. */
typedef int (*cglab_native_dispatch)(lua_State *L, void *box, int nargs);

/* Installs the Swift dispatcher (once per process). */
void cglab_set_native_dispatch(cglab_native_dispatch dispatch);

/* Pushes a Lua function that runs the native function `box` (a pointer kept alive by Swift). */
void cglab_pushnative(lua_State *L, void *box);

/* The size of the pool of light-function trampolines (see slots.c). */
#define CGLAB_NATIVE_SLOTS 2048

/* Binds the native function `box` (kept alive by the caller for the life of the process) to a
   free slot of the pool; returns the slot, or -1 when the pool is full. Thread-safe. */
int cglab_bind_native_slot(void *box);

/* Pushes the light C function of `slot`, which runs the native function bound to it. */
void cglab_push_native_slot(lua_State *L, int slot);

/* Pushes a plain C function that returns nothing (used as a baseline by the benchmarks). */
void cglab_push_c_noop(lua_State *L);

/* ---- Calls that may run metamethods, protected -------------------------------------------- */
/* Each returns a Lua status (LUA_OK or an error code); on error the message is on top. */

/* t[k] where t is at `index` and k on top: pops k, pushes the value. */
int cglab_pgettable(lua_State *L, int index);
/* t[k] = v where t is at `index`, k and v on top: pops both. */
int cglab_psettable(lua_State *L, int index);
/* luaL_tolstring of the value at `index`: pushes the string. */
int cglab_ptolstring(lua_State *L, int index);
/* global = value on top: pops the value. */
int cglab_psetglobal(lua_State *L, const char *name);
/* pushes the global `name`. */
int cglab_pgetglobal(lua_State *L, const char *name);
/* luaL_openlibs (it calls the library openers unprotected). */
int cglab_popenlibs(lua_State *L);
/* require(name): pushes the module. */
int cglab_prequire(lua_State *L, const char *name);

/* ---- Interruption (Ctrl-C) -------------------------------------------------------------- */

/* Installs the SIGINT handler (idempotent). */
void cglab_interrupt_install(void);
/* The state whose Lua code is running (gets the "interrupted!" hook), or NULL at the prompt. */
void cglab_interrupt_set_running(lua_State *L);
/* 1 when Ctrl-C was pressed since the last clear; polled by long native loops. */
int cglab_interrupt_requested(void);
/* Clears the flag and the count of presses. */
void cglab_interrupt_clear(void);
/* Removes a pending interrupt hook from `L` (after the interrupted chunk has returned). */
void cglab_interrupt_unhook(lua_State *L);
/* Raises SIGINT as if Ctrl-C were pressed (tests). */
void cglab_interrupt_simulate(void);

#endif
