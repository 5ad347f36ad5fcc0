#ifndef CRUCIBLE_CSQLITE_SHIM_H
#define CRUCIBLE_CSQLITE_SHIM_H

#include <sqlite3.h>

/* SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import. */
static inline sqlite3_destructor_type crucible_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/* Turns off SQLite's global memory statistics, whose mutex is taken on every allocation.
   Effective only before SQLite initializes (the first open); later calls return SQLITE_MISUSE
   and change nothing. sqlite3_config is variadic, which Swift cannot call. */
static inline int crucible_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

#endif
