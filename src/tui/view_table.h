/* Every pane (panes/, one file each) and every full-screen view (views/, one
 * file each), by the operations each file exports. Adding a view is its file,
 * one VIEW_TABLE row and a command row that shows it (command_table.h). */
#ifndef RNNSTEP_TUI_VIEW_TABLE_H
#define RNNSTEP_TUI_VIEW_TABLE_H

#include "view.h"

/* The panes of the main screen; the layout places them (layout.h). */
extern const struct view_ops pane_sequence, pane_corpus, pane_hidden, pane_softmax, pane_grads,
    pane_matrix, pane_loss, pane_equation;

/* The full-screen views: VIEW(ID, ops), shown one at a time over the panes. */
#define VIEW_TABLE(VIEW)                                                                           \
    VIEW(FLOW, view_flow)                                                                          \
    VIEW(GRADCHECK, view_gradcheck)                                                                \
    VIEW(SAMPLE, view_sample)                                                                      \
    VIEW(CHART, view_chart)                                                                        \
    VIEW(TRUNCATION, view_truncation)                                                              \
    VIEW(DIAGNOSTICS, view_diagnostics)

#define VIEW_TABLE_ENUM(id, ops) VIEW_##id,
enum view_id { VIEW_NONE, VIEW_TABLE(VIEW_TABLE_ENUM) VIEW_COUNT };

#define VIEW_TABLE_DECL(id, ops) extern const struct view_ops ops;
VIEW_TABLE(VIEW_TABLE_DECL)

/* The loss chart (views/chart.c) drawn into any window under title: the
 * loss pane shows it when it has rows to spare or is zoomed. */
void chart_draw_in(const struct frame *f, WINDOW *w, bool log, const char *title);

#endif
