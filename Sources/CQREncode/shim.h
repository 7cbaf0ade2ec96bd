#ifndef CQRENCODE_SHIM_H
#define CQRENCODE_SHIM_H
// libqrencode as seen from MeshPaper.
#include <qrencode.h>
#endif
