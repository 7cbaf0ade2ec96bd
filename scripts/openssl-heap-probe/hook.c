/* free(3) that counts freed heap blocks containing heap_pattern while heap_armed (see probe.c). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
unsigned char heap_pattern[32]; int heap_armed; int heap_hits;
static void (*real_free)(void *);
void free(void *p) {
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    if (p && heap_armed) {
        size_t n = malloc_usable_size(p);
        if (n >= 32 && memmem(p, n, heap_pattern, 32)) heap_hits++;
    }
    real_free(p);
}
