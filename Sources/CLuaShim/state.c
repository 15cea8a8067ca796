/* Lua states for cglab: allocator, panic and warning functions, protected calls. */
#include "cglab_lua.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Per-state allocator context. `swift_depth` counts the Swift frames above the innermost
 * protected Lua call: the host itself (1 at creation), plus one per running native function,
 * reset to 0 inside cglab_pcall. While it is positive a failed allocation cannot be reported
 * with a longjmp, so the allocator aborts with a message instead.
 */
typedef struct {
    int swift_depth;
} cglab_alloc_context;

static void *cglab_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL && ((cglab_alloc_context *)ud)->swift_depth > 0) {
        fprintf(stderr, "cglab: out of memory (%zu bytes) inside native code\n", nsize);
        abort();
    }
    return block;
}

static int cglab_panic(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    if (msg == NULL) msg = "error object is not a string";
    fprintf(stderr, "cglab: PANIC: unprotected error in call to Lua API (%s)\n", msg);
    fflush(stderr);
    return 0; /* Lua aborts */
}

/* Warning functions, as in lauxlib.c: off until "@on", "@off" turns them off again. */
static void warn_off(void *ud, const char *message, int tocont);
static void warn_on(void *ud, const char *message, int tocont);
static void warn_continue(void *ud, const char *message, int tocont);

static int warn_control(lua_State *L, const char *message, int tocont) {
    if (tocont || *(message++) != '@') return 0;
    if (strcmp(message, "off") == 0)
        lua_setwarnf(L, warn_off, L);
    else if (strcmp(message, "on") == 0)
        lua_setwarnf(L, warn_on, L);
    return 1;
}

static void warn_off(void *ud, const char *message, int tocont) {
    warn_control((lua_State *)ud, message, tocont);
}

static void warn_continue(void *ud, const char *message, int tocont) {
    lua_State *L = (lua_State *)ud;
    fputs(message, stderr);
    if (tocont) {
        lua_setwarnf(L, warn_continue, L);
    } else {
        fputs("\n", stderr);
        fflush(stderr);
        lua_setwarnf(L, warn_on, L);
    }
}

static void warn_on(void *ud, const char *message, int tocont) {
    if (warn_control((lua_State *)ud, message, tocont)) return;
    fputs("Lua warning: ", stderr);
    warn_continue(ud, message, tocont);
}

lua_State *cglab_newstate(void) {
    cglab_alloc_context *context = calloc(1, sizeof *context);
    if (context == NULL) return NULL;
    context->swift_depth = 1;
    lua_State *L = lua_newstate(cglab_alloc, context);
    if (L == NULL) {
        free(context);
        return NULL;
    }
    /* The extra space of every thread (copied from the main thread) points at the context, so
       the trampoline finds it without an API call. */
    *(cglab_alloc_context **)lua_getextraspace(L) = context;
    lua_atpanic(L, cglab_panic);
    lua_setwarnf(L, warn_off, L);
    return L;
}

void cglab_close(lua_State *L) {
    void *context = NULL;
    lua_getallocf(L, &context);
    lua_close(L);
    free(context);
}

static inline cglab_alloc_context *context_of(lua_State *L) {
    return *(cglab_alloc_context **)lua_getextraspace(L);
}

int cglab_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    cglab_alloc_context *context = context_of(L);
    int saved = context->swift_depth;
    context->swift_depth = 0;
    int status = lua_pcall(L, nargs, nresults, msgh);
    context->swift_depth = saved;
    return status;
}

int cglab_traceback_handler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* ---- The trampoline ---------------------------------------------------------------------- */

static cglab_native_dispatch native_dispatch = NULL;

void cglab_set_native_dispatch(cglab_native_dispatch dispatch) { native_dispatch = dispatch; }

int cglab_run_native(lua_State *L, void *box) {
    cglab_alloc_context *context = context_of(L);
    context->swift_depth++;
    int results = native_dispatch(L, box, lua_gettop(L));
    context->swift_depth--;
    if (results < 0) return lua_error(L); /* the Swift frame has returned */
    return results;
}

static int cglab_trampoline(lua_State *L) {
    return cglab_run_native(L, lua_touserdata(L, lua_upvalueindex(1)));
}

void cglab_pushnative(lua_State *L, void *box) {
    lua_pushlightuserdata(L, box);
    lua_pushcclosure(L, cglab_trampoline, 1);
}

static int c_noop(lua_State *L) {
    (void)L;
    return 0;
}

void cglab_push_c_noop(lua_State *L) { lua_pushcfunction(L, c_noop); }

/* ---- Protected helpers for calls that may run metamethods --------------------------------- */

static int do_gettable(lua_State *L) {
    lua_gettable(L, 1);
    return 1;
}

static int do_settable(lua_State *L) {
    lua_settable(L, 1);
    return 0;
}

static int do_tolstring(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

static int do_setglobal(lua_State *L) {
    lua_setglobal(L, lua_tostring(L, 1));
    return 0;
}

static int do_getglobal(lua_State *L) {
    lua_getglobal(L, lua_tostring(L, 1));
    return 1;
}

static int do_require(lua_State *L) {
    lua_getglobal(L, "require");
    lua_insert(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

/* Moves the function on top below the `n` values under it, then calls it protected. */
static int call_below(lua_State *L, lua_CFunction f, int n, int nargs, int nresults) {
    lua_pushcfunction(L, f);
    lua_rotate(L, -(n + 1), 1);
    return cglab_pcall(L, nargs, nresults, 0);
}

int cglab_pgettable(lua_State *L, int index) {
    index = lua_absindex(L, index);
    lua_pushvalue(L, index); /* k t */
    lua_insert(L, -2);       /* t k */
    return call_below(L, do_gettable, 2, 2, 1);
}

int cglab_psettable(lua_State *L, int index) {
    index = lua_absindex(L, index);
    lua_pushvalue(L, index); /* k v t */
    lua_rotate(L, -3, 1);    /* t k v */
    return call_below(L, do_settable, 3, 3, 0);
}

int cglab_ptolstring(lua_State *L, int index) {
    lua_pushvalue(L, index);
    return call_below(L, do_tolstring, 1, 1, 1);
}

int cglab_psetglobal(lua_State *L, const char *name) {
    lua_pushstring(L, name); /* v name */
    lua_insert(L, -2);       /* name v */
    return call_below(L, do_setglobal, 2, 2, 0);
}

int cglab_pgetglobal(lua_State *L, const char *name) {
    lua_pushstring(L, name);
    return call_below(L, do_getglobal, 1, 1, 1);
}

static int do_openlibs(lua_State *L) {
    luaL_openlibs(L);
    return 0;
}

int cglab_popenlibs(lua_State *L) {
    lua_pushcfunction(L, do_openlibs);
    return cglab_pcall(L, 0, 0, 0);
}

int cglab_prequire(lua_State *L, const char *name) {
    lua_pushstring(L, name);
    return call_below(L, do_require, 1, 1, 1);
}
