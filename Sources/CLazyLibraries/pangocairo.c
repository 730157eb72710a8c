/* Pango + Cairo for the PDF documents (FayuanDocuments/PDFRenderer.swift), loaded on first use.
 * libpangocairo brings libpango, libcairo (with its PDF surface), glib/gobject and fontconfig. */
#include <pango/pangocairo.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "loader.h"

static void *handle;
static void *fy_pango_symbol(const char *name) {
    return fayuan_lazy_symbol(&handle, "libpangocairo-1.0.so.0", "生成 PDF 文书", name);
}

/* cairo */
LAZY_FORWARD_VOID(fy_pango, cairo_arc, (cairo_t *cr, double xc, double yc, double radius, double angle1, double angle2), (cr, xc, yc, radius, angle1, angle2))
LAZY_FORWARD(fy_pango, cairo_t *, cairo_create, (cairo_surface_t *target), (target))
LAZY_FORWARD_VOID(fy_pango, cairo_destroy, (cairo_t *cr), (cr))
LAZY_FORWARD_VOID(fy_pango, cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y))
LAZY_FORWARD_VOID(fy_pango, cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y))
LAZY_FORWARD_VOID(fy_pango, cairo_new_path, (cairo_t *cr), (cr))
LAZY_FORWARD(fy_pango, cairo_surface_t *, cairo_pdf_surface_create_for_stream,
             (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points),
             (write_func, closure, width_in_points, height_in_points))
LAZY_FORWARD_VOID(fy_pango, cairo_pdf_surface_set_metadata, (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8),
                  (surface, metadata, utf8))
LAZY_FORWARD(fy_pango, cairo_surface_t *, cairo_recording_surface_create, (cairo_content_t content, const cairo_rectangle_t *extents),
             (content, extents))
LAZY_FORWARD_VOID(fy_pango, cairo_rectangle, (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height))
LAZY_FORWARD_VOID(fy_pango, cairo_restore, (cairo_t *cr), (cr))
LAZY_FORWARD_VOID(fy_pango, cairo_save, (cairo_t *cr), (cr))
LAZY_FORWARD_VOID(fy_pango, cairo_set_dash, (cairo_t *cr, const double *dashes, int num_dashes, double offset), (cr, dashes, num_dashes, offset))
LAZY_FORWARD_VOID(fy_pango, cairo_set_line_width, (cairo_t *cr, double width), (cr, width))
LAZY_FORWARD_VOID(fy_pango, cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue), (cr, red, green, blue))
LAZY_FORWARD_VOID(fy_pango, cairo_show_page, (cairo_t *cr), (cr))
LAZY_FORWARD(fy_pango, const char *, cairo_status_to_string, (cairo_status_t status), (status))
LAZY_FORWARD_VOID(fy_pango, cairo_stroke, (cairo_t *cr), (cr))
LAZY_FORWARD_VOID(fy_pango, cairo_surface_destroy, (cairo_surface_t *surface), (surface))
LAZY_FORWARD_VOID(fy_pango, cairo_surface_finish, (cairo_surface_t *surface), (surface))
LAZY_FORWARD(fy_pango, cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface))

/* gobject */
LAZY_FORWARD_VOID(fy_pango, g_object_unref, (gpointer object), (object))

/* pango */
LAZY_FORWARD(fy_pango, PangoAttribute *, pango_attr_allow_breaks_new, (gboolean allow_breaks), (allow_breaks))
LAZY_FORWARD_VOID(fy_pango, pango_attr_list_insert, (PangoAttrList *list, PangoAttribute *attr), (list, attr))
LAZY_FORWARD(fy_pango, PangoAttrList *, pango_attr_list_new, (void), ())
LAZY_FORWARD_VOID(fy_pango, pango_attr_list_unref, (PangoAttrList *list), (list))
LAZY_FORWARD_VOID(fy_pango, pango_cairo_context_set_resolution, (PangoContext *context, double dpi), (context, dpi))
LAZY_FORWARD(fy_pango, PangoContext *, pango_cairo_create_context, (cairo_t *cr), (cr))
LAZY_FORWARD_VOID(fy_pango, pango_cairo_show_layout, (cairo_t *cr, PangoLayout *layout), (cr, layout))
LAZY_FORWARD_VOID(fy_pango, pango_cairo_show_layout_line, (cairo_t *cr, PangoLayoutLine *line), (cr, line))
LAZY_FORWARD_VOID(fy_pango, pango_font_description_free, (PangoFontDescription *desc), (desc))
LAZY_FORWARD(fy_pango, PangoFontDescription *, pango_font_description_new, (void), ())
LAZY_FORWARD_VOID(fy_pango, pango_font_description_set_absolute_size, (PangoFontDescription *desc, double size), (desc, size))
LAZY_FORWARD_VOID(fy_pango, pango_font_description_set_family, (PangoFontDescription *desc, const char *family), (desc, family))
LAZY_FORWARD_VOID(fy_pango, pango_font_description_set_weight, (PangoFontDescription *desc, PangoWeight weight), (desc, weight))
LAZY_FORWARD_VOID(fy_pango, pango_layout_get_extents, (PangoLayout *layout, PangoRectangle *ink_rect, PangoRectangle *logical_rect),
                  (layout, ink_rect, logical_rect))
LAZY_FORWARD(fy_pango, PangoLayoutIter *, pango_layout_get_iter, (PangoLayout *layout), (layout))
LAZY_FORWARD_VOID(fy_pango, pango_layout_iter_free, (PangoLayoutIter *iter), (iter))
LAZY_FORWARD_VOID(fy_pango, pango_layout_iter_get_line_extents, (PangoLayoutIter *iter, PangoRectangle *ink_rect, PangoRectangle *logical_rect),
                  (iter, ink_rect, logical_rect))
LAZY_FORWARD(fy_pango, PangoLayoutLine *, pango_layout_iter_get_line_readonly, (PangoLayoutIter *iter), (iter))
LAZY_FORWARD(fy_pango, gboolean, pango_layout_iter_next_line, (PangoLayoutIter *iter), (iter))
LAZY_FORWARD(fy_pango, PangoLayout *, pango_layout_new, (PangoContext *context), (context))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_alignment, (PangoLayout *layout, PangoAlignment alignment), (layout, alignment))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_attributes, (PangoLayout *layout, PangoAttrList *attrs), (layout, attrs))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_font_description, (PangoLayout *layout, const PangoFontDescription *desc), (layout, desc))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_indent, (PangoLayout *layout, int indent), (layout, indent))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_line_spacing, (PangoLayout *layout, float factor), (layout, factor))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_text, (PangoLayout *layout, const char *text, int length), (layout, text, length))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_width, (PangoLayout *layout, int width), (layout, width))
LAZY_FORWARD_VOID(fy_pango, pango_layout_set_wrap, (PangoLayout *layout, PangoWrapMode wrap), (layout, wrap))
