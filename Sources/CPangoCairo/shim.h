#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H

/* Pango + Cairo (Debian libpango1.0-dev, libcairo2-dev) for the printed documents: Pango shapes
 * and breaks Chinese text by the Unicode line-breaking rules with fontconfig's fonts (Noto CJK
 * from fonts-noto-cjk); cairo's PDF surface embeds the glyphs used as font subsets. The include
 * paths come from pkg-config (pangocairo) in Package.swift. */
#include <pango/pangocairo.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

#endif
