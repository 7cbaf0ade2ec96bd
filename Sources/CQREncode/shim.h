#ifndef CQRENCODE_SHIM_H
#define CQRENCODE_SHIM_H
// libqrencode as seen from MeshPaper.
#include <qrencode.h>

// The library is loaded on first use (dlopen), not linked: every other meshkey command then starts without
// mapping it and its dependencies. MeshPaper calls cqrencode_<function>()! in place of <function>.
#include <dlfcn.h>
// The shared library's name: Debian's soname; on macOS Homebrew's (untested: only Linux is tested).
#ifdef __APPLE__
#define CQRENCODE_LIBRARY_NAME "libqrencode.4.dylib"
#else
#define CQRENCODE_LIBRARY_NAME "libqrencode.so.4"
#endif
static inline void *cqrencode_library(void) {
    static void *handle;
    if (!handle) handle = dlopen(CQRENCODE_LIBRARY_NAME, RTLD_NOW | RTLD_LOCAL);
    return handle;
}
static inline int cqrencode_available(void) { return cqrencode_library() != 0; }
#define CQRENCODE_DYNAMIC(name) \
    static inline __typeof__(&name) cqrencode_##name(void) { \
        static __typeof__(&name) function; \
        if (!function) function = (__typeof__(&name))dlsym(cqrencode_library(), #name); \
        return function; \
    }
CQRENCODE_DYNAMIC(QRcode_encodeString)
CQRENCODE_DYNAMIC(QRcode_free)
#endif
