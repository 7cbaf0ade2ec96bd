#ifndef CZBAR_SHIM_H
#define CZBAR_SHIM_H
// zbar's image scanner as seen from MeshPaper. zbar_fourcc is a macro.
#include <zbar.h>
static inline unsigned long czbar_y800(void) { return zbar_fourcc('Y', '8', '0', '0'); }

// The library is loaded on first use (dlopen), not linked: every other meshkey command then starts without
// mapping it and its dependencies. MeshPaper calls czbar_<function>()! in place of <function>.
#include <dlfcn.h>
// The shared library's name: Debian's soname; on macOS Homebrew's (untested: only Linux is tested).
#ifdef __APPLE__
#define CZBAR_LIBRARY_NAME "libzbar.0.dylib"
#else
#define CZBAR_LIBRARY_NAME "libzbar.so.0"
#endif
static inline void *czbar_library(void) {
    static void *handle;
    if (!handle) handle = dlopen(CZBAR_LIBRARY_NAME, RTLD_NOW | RTLD_LOCAL);
    return handle;
}
static inline int czbar_available(void) { return czbar_library() != 0; }
#define CZBAR_DYNAMIC(name) \
    static inline __typeof__(&name) czbar_##name(void) { \
        static __typeof__(&name) function; \
        if (!function) function = (__typeof__(&name))dlsym(czbar_library(), #name); \
        return function; \
    }
CZBAR_DYNAMIC(zbar_image_create)
CZBAR_DYNAMIC(zbar_image_destroy)
CZBAR_DYNAMIC(zbar_image_first_symbol)
CZBAR_DYNAMIC(zbar_image_scanner_create)
CZBAR_DYNAMIC(zbar_image_scanner_destroy)
CZBAR_DYNAMIC(zbar_image_scanner_set_config)
CZBAR_DYNAMIC(zbar_image_set_data)
CZBAR_DYNAMIC(zbar_image_set_format)
CZBAR_DYNAMIC(zbar_image_set_size)
CZBAR_DYNAMIC(zbar_scan_image)
CZBAR_DYNAMIC(zbar_symbol_get_data)
CZBAR_DYNAMIC(zbar_symbol_next)
#endif
