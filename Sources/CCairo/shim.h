#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H
// cairo (image and PDF surfaces, PNG loading) as seen from MeshPaper; its text is drawn by PangoCairo (CPango).
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>

// The library is loaded on first use (dlopen), not linked: every other meshkey command then starts without
// mapping it and its dependencies. MeshPaper calls ccairo_<function>()! in place of <function>.
#include <dlfcn.h>
// The shared library's name: Debian's soname; on macOS Homebrew's (untested: only Linux is tested).
#ifdef __APPLE__
#define CCAIRO_LIBRARY_NAME "libcairo.2.dylib"
#else
#define CCAIRO_LIBRARY_NAME "libcairo.so.2"
#endif
static inline void *ccairo_library(void) {
    static void *handle;
    if (!handle) handle = dlopen(CCAIRO_LIBRARY_NAME, RTLD_NOW | RTLD_LOCAL);
    return handle;
}
static inline int ccairo_available(void) { return ccairo_library() != 0; }
#define CCAIRO_DYNAMIC(name) \
    static inline __typeof__(&name) ccairo_##name(void) { \
        static __typeof__(&name) function; \
        if (!function) function = (__typeof__(&name))dlsym(ccairo_library(), #name); \
        return function; \
    }
CCAIRO_DYNAMIC(cairo_create)
CCAIRO_DYNAMIC(cairo_destroy)
CCAIRO_DYNAMIC(cairo_fill)
CCAIRO_DYNAMIC(cairo_image_surface_create)
CCAIRO_DYNAMIC(cairo_image_surface_create_from_png)
CCAIRO_DYNAMIC(cairo_image_surface_create_from_png_stream)
CCAIRO_DYNAMIC(cairo_image_surface_get_data)
CCAIRO_DYNAMIC(cairo_image_surface_get_height)
CCAIRO_DYNAMIC(cairo_image_surface_get_stride)
CCAIRO_DYNAMIC(cairo_image_surface_get_width)
CCAIRO_DYNAMIC(cairo_line_to)
CCAIRO_DYNAMIC(cairo_move_to)
CCAIRO_DYNAMIC(cairo_paint)
CCAIRO_DYNAMIC(cairo_pdf_surface_create_for_stream)
CCAIRO_DYNAMIC(cairo_pdf_surface_restrict_to_version)
CCAIRO_DYNAMIC(cairo_rectangle)
CCAIRO_DYNAMIC(cairo_set_line_width)
CCAIRO_DYNAMIC(cairo_set_source_rgb)
CCAIRO_DYNAMIC(cairo_set_source_surface)
CCAIRO_DYNAMIC(cairo_show_page)
CCAIRO_DYNAMIC(cairo_status)
CCAIRO_DYNAMIC(cairo_status_to_string)
CCAIRO_DYNAMIC(cairo_stroke)
CCAIRO_DYNAMIC(cairo_surface_destroy)
CCAIRO_DYNAMIC(cairo_surface_finish)
CCAIRO_DYNAMIC(cairo_surface_flush)
CCAIRO_DYNAMIC(cairo_surface_status)
#endif
