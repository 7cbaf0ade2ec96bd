#ifndef CPROCESS_SHIM_H
#define CPROCESS_SHIM_H
// Process hardening calls that Swift cannot import directly (prctl is variadic), as seen from MeshCrypto's
// ProcessHardening. Nothing else imports this module.
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/// Makes the process non-dumpable (no core file, no ptrace attach by other processes of the same user, and
/// /proc/<pid>/mem, environ, … owned by root). 0 on success, -1 with errno set; 0 where not supported.
static inline int cprocess_set_not_dumpable(void) {
#ifdef __linux__
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#else
    return 0;
#endif
}

/// PR_GET_DUMPABLE: 0 when not dumpable, 1 when dumpable, -1 where not supported.
static inline int cprocess_dumpable(void) {
#ifdef __linux__
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
    return -1;
#endif
}

/// Sets both the soft and the hard RLIMIT_CORE to 0 (the hard limit cannot be raised again by this process).
static inline int cprocess_disable_core_files(void) {
    struct rlimit none = { 0, 0 };
    return setrlimit(RLIMIT_CORE, &none);
}

/// The soft and hard RLIMIT_CORE (RLIM_INFINITY as UINT64_MAX); -1 on failure.
static inline int cprocess_core_limits(unsigned long long *soft, unsigned long long *hard) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0) return -1;
    *soft = limit.rlim_cur == RLIM_INFINITY ? ~0ULL : (unsigned long long)limit.rlim_cur;
    *hard = limit.rlim_max == RLIM_INFINITY ? ~0ULL : (unsigned long long)limit.rlim_max;
    return 0;
}
#endif
