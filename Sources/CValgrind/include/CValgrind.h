#ifndef CVALGRIND_H
#define CVALGRIND_H
// Valgrind memcheck's client requests, for meshkey-ct only. The requests are macros with inline assembly
// (valgrind/memcheck.h), which Swift cannot import; these functions wrap them. Outside valgrind they do
// nothing. No valgrind type appears here: only pointers and sizes.
#include <stddef.h>

/// Marks `count` bytes at `address` as undefined: memcheck then reports every branch and every memory
/// index that depends on them.
void meshkey_ct_mark_undefined(const void *address, size_t count);

/// Marks `count` bytes at `address` as defined again (a value that is deliberately made public).
void meshkey_ct_mark_defined(const void *address, size_t count);

/// 1 when running under valgrind, else 0.
int meshkey_ct_running_on_valgrind(void);

/// 1 when this file was compiled with valgrind's headers (the requests are real), 0 when they were missing
/// and the functions above do nothing.
int meshkey_ct_client_requests_available(void);

#endif
