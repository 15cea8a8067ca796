/* Native functions as light C functions: a fixed pool of trampolines, one per slot.
 *
 * A light C function (no upvalues) is the cheapest thing Lua can call. Each trampoline below is
 * bound to one slot holding the Swift native function it runs, so calling it needs no upvalue
 * lookup. The pool is process-wide: a native function is bound once and shared by every state.
 * Functions bound when the pool is full fall back to the closure trampoline (cglab_pushnative). */
#include "cglab_lua.h"

#include <pthread.h>

/* The Swift dispatcher and the per-state context, defined in state.c. */
int cglab_run_native(lua_State *L, void *box);

static void *slots[CGLAB_NATIVE_SLOTS];
static int used = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

#define SLOT(n) static int slot_##n(lua_State *L) { return cglab_run_native(L, slots[0b##n]); }
#define SLOT2(n) SLOT(n##0) SLOT(n##1)
#define SLOT4(n) SLOT2(n##0) SLOT2(n##1)
#define SLOT8(n) SLOT4(n##0) SLOT4(n##1)
#define SLOT16(n) SLOT8(n##0) SLOT8(n##1)
#define SLOT32(n) SLOT16(n##0) SLOT16(n##1)
#define SLOT64(n) SLOT32(n##0) SLOT32(n##1)
#define SLOT128(n) SLOT64(n##0) SLOT64(n##1)
#define SLOT256(n) SLOT128(n##0) SLOT128(n##1)
#define SLOT512(n) SLOT256(n##0) SLOT256(n##1)
#define SLOT1024(n) SLOT512(n##0) SLOT512(n##1)
SLOT1024(0)
SLOT1024(1)

#define ENTRY(n) slot_##n,
#define ENTRY2(n) ENTRY(n##0) ENTRY(n##1)
#define ENTRY4(n) ENTRY2(n##0) ENTRY2(n##1)
#define ENTRY8(n) ENTRY4(n##0) ENTRY4(n##1)
#define ENTRY16(n) ENTRY8(n##0) ENTRY8(n##1)
#define ENTRY32(n) ENTRY16(n##0) ENTRY16(n##1)
#define ENTRY64(n) ENTRY32(n##0) ENTRY32(n##1)
#define ENTRY128(n) ENTRY64(n##0) ENTRY64(n##1)
#define ENTRY256(n) ENTRY128(n##0) ENTRY128(n##1)
#define ENTRY512(n) ENTRY256(n##0) ENTRY256(n##1)
#define ENTRY1024(n) ENTRY512(n##0) ENTRY512(n##1)
static const lua_CFunction trampolines[CGLAB_NATIVE_SLOTS] = { ENTRY1024(0) ENTRY1024(1) };

int cglab_bind_native_slot(void *box) {
    pthread_mutex_lock(&lock);
    int slot = used < CGLAB_NATIVE_SLOTS ? used++ : -1;
    if (slot >= 0) slots[slot] = box;
    pthread_mutex_unlock(&lock);
    return slot;
}

void cglab_push_native_slot(lua_State *L, int slot) {
    lua_pushcfunction(L, trampolines[slot]);
}
