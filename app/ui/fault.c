/* fault: the one screen that needs no pack (see ui_fault_screen in ui.h). */
#include "ui/theme.h"
#include "ui/ui.h"

#include <string.h>

static int block(display_list *d, const text_measurer *m, const char *s, int x, int y, int w,
                 int px, int bold, uint32_t color)
{
    text_para p = {0};
    text_style st = {.px = px, .bold = bold, .line_pct = 125};
    text_layout(m, s, strlen(s), &st, w, &p);
    for (int k = 0; k < p.nruns; k++) {
        const text_run *r = &p.runs[k];
        display_text(d, x + r->x, y + r->baseline, r->w, r->face, px, r->rtl, r->script, color,
                     s + r->off, r->len);
        if (r->hyphen_w)
            display_text(d, x + r->x + r->w, y + r->baseline, r->hyphen_w, r->face, px, 0,
                         r->script, color, TEXT_HYPHEN, strlen(TEXT_HYPHEN));
    }
    int h = p.h;
    text_para_free(&p);
    return h;
}

void ui_fault_screen(display_list *d, const text_measurer *m, int w, int h, const char *why)
{
    theme_metrics t = theme_metrics_for(w, h);
    theme_pal = &theme_plain; /* for staff, whoever used the kiosk last */
    display_clear(d, w, h, C_BG);
    display_rect(d, 0, 0, w, t.bar, C_PRIMARY, 0);
    int x = t.pad, tw = w - 2 * t.pad;
    block(d, m, "Sveiki: no content to show", x, (t.bar - t.body * 3 / 2) / 2, tw,
          t.heading, 1, C_ON_PRIMARY);
    int y = t.bar + t.pad;
    y += block(d, m, "For staff: the kiosk has no content pack it can show.", x, y, tw, t.body, 1,
               C_INK) + t.gap;
    y += block(d, m, why, x, y, tw, t.small, 0, C_MUTED) + t.pad;
    block(d, m,
          "Give it a content pack built and signed with sveikictl (on a USB stick, or with "
          "--pack), then start it again. The kiosk log says the same.",
          x, y, tw, t.body, 0, C_INK);
}
