// Valgrind client requests for meshkey-ct (see include/CValgrind.h). When valgrind's headers are missing
// (the CI machine need not have valgrind), the functions compile to no-ops; `make ct` installs valgrind
// first, and its control run fails if the requests do nothing.
#include "CValgrind.h"

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

void meshkey_ct_mark_undefined(const void *address, size_t count) {
    (void)VALGRIND_MAKE_MEM_UNDEFINED(address, count);
}

void meshkey_ct_mark_defined(const void *address, size_t count) {
    (void)VALGRIND_MAKE_MEM_DEFINED(address, count);
}

int meshkey_ct_running_on_valgrind(void) { return RUNNING_ON_VALGRIND ? 1 : 0; }

int meshkey_ct_client_requests_available(void) { return 1; }
#else
void meshkey_ct_mark_undefined(const void *address, size_t count) { (void)address; (void)count; }

void meshkey_ct_mark_defined(const void *address, size_t count) { (void)address; (void)count; }

int meshkey_ct_running_on_valgrind(void) { return 0; }

int meshkey_ct_client_requests_available(void) { return 0; }
#endif
