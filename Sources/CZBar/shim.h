#ifndef CZBAR_SHIM_H
#define CZBAR_SHIM_H
// zbar's image scanner as seen from MeshPaper. zbar_fourcc is a macro.
#include <zbar.h>
static inline unsigned long czbar_y800(void) { return zbar_fourcc('Y', '8', '0', '0'); }
#endif
