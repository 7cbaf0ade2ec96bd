#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H
// cairo (image and PDF surfaces, toy text API, PNG loading) as seen from MeshPaper.
#include <cairo.h>
#include <cairo-pdf.h>
#endif
