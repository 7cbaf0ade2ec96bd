#ifndef CPANGO_SHIM_H
#define CPANGO_SHIM_H
// PangoCairo (text layout: font fallback per glyph through fontconfig, shaping by HarfBuzz, bidi by
// FriBidi, line breaking) as seen from MeshPaper, which draws all sheet text through it.
#include <cairo/cairo.h>

// The few declarations MeshPaper uses, as in <pango/pangocairo.h> (Pango 1.50, Debian 12; stable C
// API), declared here rather than included: that header needs the include paths of GLib, HarfBuzz,
// FreeType and FriBidi, which only pkg-config knows, and SwiftPM links every library pkg-config names
// for a module, so that every meshkey command would map Pango, GLib, HarfBuzz and cairo at start-up.
typedef struct _PangoAttrList PangoAttrList;
typedef struct _PangoContext PangoContext;
typedef struct _PangoFontDescription PangoFontDescription;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoLayoutLine PangoLayoutLine;
typedef enum { PANGO_WRAP_WORD, PANGO_WRAP_CHAR, PANGO_WRAP_WORD_CHAR } PangoWrapMode;
typedef enum { PANGO_ELLIPSIZE_NONE, PANGO_ELLIPSIZE_START, PANGO_ELLIPSIZE_MIDDLE, PANGO_ELLIPSIZE_END } PangoEllipsizeMode;
// Pango units per point.
static const int PANGO_SCALE = 1024;
void g_object_unref(void *object);
PangoAttrList *pango_attr_list_from_string(const char *text);
void pango_attr_list_unref(PangoAttrList *list);
PangoLayout *pango_cairo_create_layout(cairo_t *cr);
void pango_context_set_round_glyph_positions(PangoContext *context, int round);
void pango_cairo_show_layout_line(cairo_t *cr, PangoLayoutLine *line);
void pango_font_description_free(PangoFontDescription *description);
PangoFontDescription *pango_font_description_from_string(const char *text);
void pango_font_description_set_absolute_size(PangoFontDescription *description, double size);
void pango_layout_context_changed(PangoLayout *layout);
PangoContext *pango_layout_get_context(PangoLayout *layout);
int pango_layout_get_line_count(PangoLayout *layout);
PangoLayoutLine *pango_layout_get_line_readonly(PangoLayout *layout, int line);
void pango_layout_get_size(PangoLayout *layout, int *width, int *height);
int pango_layout_line_get_length(PangoLayoutLine *line);
int pango_layout_line_get_start_index(PangoLayoutLine *line);
void pango_layout_set_attributes(PangoLayout *layout, PangoAttrList *attributes);
void pango_layout_set_ellipsize(PangoLayout *layout, PangoEllipsizeMode mode);
void pango_layout_set_font_description(PangoLayout *layout, const PangoFontDescription *description);
void pango_layout_set_height(PangoLayout *layout, int height);
void pango_layout_set_text(PangoLayout *layout, const char *text, int length);
void pango_layout_set_width(PangoLayout *layout, int width);
void pango_layout_set_wrap(PangoLayout *layout, PangoWrapMode mode);

// The library is loaded on first use (dlopen), not linked, like cairo: every other meshkey command then
// starts without mapping it and its dependencies. MeshPaper calls cpango_<function>()! in place of
// <function>. dlsym on the PangoCairo handle also finds the functions of its dependencies (Pango itself,
// GObject's g_object_unref).
#include <dlfcn.h>
// The shared library's name: Debian's soname; on macOS Homebrew's (untested: only Linux is tested).
#ifdef __APPLE__
#define CPANGO_LIBRARY_NAME "libpangocairo-1.0.0.dylib"
#else
#define CPANGO_LIBRARY_NAME "libpangocairo-1.0.so.0"
#endif
static inline void *cpango_library(void) {
    static void *handle;
    if (!handle) handle = dlopen(CPANGO_LIBRARY_NAME, RTLD_NOW | RTLD_LOCAL);
    return handle;
}
static inline int cpango_available(void) { return cpango_library() != 0; }
#define CPANGO_DYNAMIC(name) \
    static inline __typeof__(&name) cpango_##name(void) { \
        static __typeof__(&name) function; \
        if (!function) function = (__typeof__(&name))dlsym(cpango_library(), #name); \
        return function; \
    }
CPANGO_DYNAMIC(g_object_unref)
CPANGO_DYNAMIC(pango_attr_list_from_string)
CPANGO_DYNAMIC(pango_attr_list_unref)
CPANGO_DYNAMIC(pango_cairo_create_layout)
CPANGO_DYNAMIC(pango_cairo_show_layout_line)
CPANGO_DYNAMIC(pango_context_set_round_glyph_positions)
CPANGO_DYNAMIC(pango_font_description_free)
CPANGO_DYNAMIC(pango_font_description_from_string)
CPANGO_DYNAMIC(pango_font_description_set_absolute_size)
CPANGO_DYNAMIC(pango_layout_context_changed)
CPANGO_DYNAMIC(pango_layout_get_context)
CPANGO_DYNAMIC(pango_layout_get_line_count)
CPANGO_DYNAMIC(pango_layout_get_line_readonly)
CPANGO_DYNAMIC(pango_layout_get_size)
CPANGO_DYNAMIC(pango_layout_line_get_length)
CPANGO_DYNAMIC(pango_layout_line_get_start_index)
CPANGO_DYNAMIC(pango_layout_set_attributes)
CPANGO_DYNAMIC(pango_layout_set_ellipsize)
CPANGO_DYNAMIC(pango_layout_set_font_description)
CPANGO_DYNAMIC(pango_layout_set_height)
CPANGO_DYNAMIC(pango_layout_set_text)
CPANGO_DYNAMIC(pango_layout_set_width)
CPANGO_DYNAMIC(pango_layout_set_wrap)
#endif
