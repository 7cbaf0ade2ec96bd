#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static unsigned char pattern[64]; static size_t plen; static int hits, ready;
static void (*real_free)(void *);
__attribute__((constructor)) static void init(void) {
    const char *hex = getenv("HEAP_PATTERN"); if (!hex) return;
    plen = strlen(hex) / 2; for (size_t i = 0; i < plen; i++) sscanf(hex + 2 * i, "%2hhx", &pattern[i]);
    ready = 1;
}
__attribute__((destructor)) static void done(void) { if (ready) { char b[64]; int n = snprintf(b, 64, "heap-probe: %d\n", hits); write(2, b, n); } }
void free(void *p) {
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    if (p && ready) { size_t n = malloc_usable_size(p); if (n >= plen && memmem(p, n, pattern, plen)) hits++; }
    real_free(p);
}
