#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H
// libjpeg-turbo's decompressor as seen from MeshPaper: one function that decodes a JPEG in memory to 8-bit
// grey (JCS_GRAYSCALE) after checking the header's dimensions. libjpeg reports errors by longjmp from its
// error_exit hook, which Swift cannot catch: the setjmp lives here.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

// The library is loaded on first use (dlopen), not linked, like cairo, qrencode and zbar.
#include <dlfcn.h>
// The shared library's name: Debian's soname; on macOS Homebrew's (untested: only Linux is tested).
#ifdef __APPLE__
#define CJPEG_LIBRARY_NAME "libjpeg.8.dylib"
#else
#define CJPEG_LIBRARY_NAME "libjpeg.so.62"
#endif
static inline void *cjpeg_library(void) {
    static void *handle;
    if (!handle) handle = dlopen(CJPEG_LIBRARY_NAME, RTLD_NOW | RTLD_LOCAL);
    return handle;
}
static inline int cjpeg_available(void) { return cjpeg_library() != 0; }
#define CJPEG_DYNAMIC(name) \
    static inline __typeof__(&name) cjpeg_##name(void) { \
        static __typeof__(&name) function; \
        if (!function) function = (__typeof__(&name))dlsym(cjpeg_library(), #name); \
        return function; \
    }
CJPEG_DYNAMIC(jpeg_std_error)
CJPEG_DYNAMIC(jpeg_CreateDecompress)
CJPEG_DYNAMIC(jpeg_mem_src)
CJPEG_DYNAMIC(jpeg_read_header)
CJPEG_DYNAMIC(jpeg_start_decompress)
CJPEG_DYNAMIC(jpeg_read_scanlines)
CJPEG_DYNAMIC(jpeg_finish_decompress)
CJPEG_DYNAMIC(jpeg_destroy_decompress)

struct cjpeg_error {
    struct jpeg_error_mgr manager;  // first: libjpeg passes a pointer to it
    jmp_buf exit;
    char message[JMSG_LENGTH_MAX];
};
static inline void cjpeg_error_exit(j_common_ptr info) {
    struct cjpeg_error *error = (struct cjpeg_error *)info->err;
    error->manager.format_message(info, error->message);
    longjmp(error->exit, 1);
}
static inline void cjpeg_output_message(j_common_ptr info) { (void)info; }

enum { CJPEG_OK = 0, CJPEG_UNAVAILABLE = 1, CJPEG_CORRUPT = 2, CJPEG_TOO_LARGE = 3, CJPEG_NO_MEMORY = 4 };

/// Decodes `size` bytes of JPEG to grey pixels (width × height, rows packed) in *pixels (malloc'd; the
/// caller wipes and frees it). The header's dimensions go to *width and *height and are checked against
/// max_side and max_pixels before anything is decoded. On CJPEG_CORRUPT `message` (JMSG_LENGTH_MAX bytes)
/// says why.
static inline int cjpeg_decode_grey(const unsigned char *data, unsigned long size, long max_side, long max_pixels,
                                    long *width, long *height, unsigned char **pixels, char *message) {
    *pixels = NULL; *width = 0; *height = 0; message[0] = 0;
    if (!cjpeg_available()) return CJPEG_UNAVAILABLE;
    struct jpeg_decompress_struct info;
    struct cjpeg_error error;
    unsigned char *volatile buffer = NULL;
    memset(&info, 0, sizeof info);
    info.err = cjpeg_jpeg_std_error()(&error.manager);
    error.manager.error_exit = cjpeg_error_exit;
    error.manager.output_message = cjpeg_output_message;
    error.message[0] = 0;
    if (setjmp(error.exit)) {
        cjpeg_jpeg_destroy_decompress()(&info);
        if (buffer) free(buffer);
        strncpy(message, error.message, JMSG_LENGTH_MAX - 1);
        message[JMSG_LENGTH_MAX - 1] = 0;
        return CJPEG_CORRUPT;
    }
    cjpeg_jpeg_CreateDecompress()(&info, JPEG_LIB_VERSION, sizeof info);
    cjpeg_jpeg_mem_src()(&info, data, size);
    cjpeg_jpeg_read_header()(&info, TRUE);
    *width = (long)info.image_width; *height = (long)info.image_height;
    if (*width <= 0 || *height <= 0 || *width > max_side || *height > max_side || *width * *height > max_pixels) {
        cjpeg_jpeg_destroy_decompress()(&info);
        return CJPEG_TOO_LARGE;
    }
    info.out_color_space = JCS_GRAYSCALE;
    cjpeg_jpeg_start_decompress()(&info);
    size_t row = (size_t)info.output_width * (size_t)info.output_components;
    buffer = (unsigned char *)calloc((size_t)info.output_height, row);
    if (!buffer) { cjpeg_jpeg_destroy_decompress()(&info); return CJPEG_NO_MEMORY; }
    while (info.output_scanline < info.output_height) {
        JSAMPROW line = buffer + (size_t)info.output_scanline * row;
        cjpeg_jpeg_read_scanlines()(&info, &line, 1);
    }
    *width = (long)info.output_width; *height = (long)info.output_height;
    cjpeg_jpeg_finish_decompress()(&info);
    cjpeg_jpeg_destroy_decompress()(&info);
    *pixels = buffer;
    return CJPEG_OK;
}
#endif
