/* Ctrl-C: the SIGINT handler, as in lua.c, plus a flag that long native loops poll. */
#include "cglab_lua.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static lua_State *_Atomic running_state = NULL;
static atomic_int interrupt_flag = 0;
static atomic_int presses = 0;

/* The hook removes itself and raises the error, like lua.c's lstop. */
static void stop_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

static void on_sigint(int signal_number) {
    atomic_store(&interrupt_flag, 1);
    lua_State *L = atomic_load(&running_state);
    if (L == NULL) return; /* at the prompt: the line editor polls the flag */
    if (atomic_fetch_add(&presses, 1) >= 2) {
        /* Third press while the same code still runs: give up, as lua.c does on the second. */
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = SIG_DFL;
        sigaction(signal_number, &action, NULL);
        raise(signal_number);
        return;
    }
    /* lua_sethook is safe to call from a signal handler (ldebug.c). */
    lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

void cglab_interrupt_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a blocked read returns EINTR */
    sigaction(SIGINT, &action, NULL);
}

void cglab_interrupt_set_running(lua_State *L) {
    atomic_store(&presses, 0);
    atomic_store(&running_state, L);
}

int cglab_interrupt_requested(void) { return atomic_load_explicit(&interrupt_flag, memory_order_relaxed); }

void cglab_interrupt_clear(void) {
    atomic_store(&interrupt_flag, 0);
    atomic_store(&presses, 0);
}

void cglab_interrupt_unhook(lua_State *L) {
    if (lua_gethook(L) == stop_hook) lua_sethook(L, NULL, 0, 0);
}

void cglab_interrupt_simulate(void) { kill(getpid(), SIGINT); } /* to the process: any thread may take it */
