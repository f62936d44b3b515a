/* The command table: every command of the visualiser, in the order the help
 * overlay lists them. From it come the command enum (input.h), the key
 * bindings and the help lines (input.c), and the handler table (commands.c).
 * A command whose handler is missing does not build (commands.c declares and
 * takes the address of every handler named here).
 *
 *   CMD(ID, handler, help)  help: the help line; NULL continues the line above
 *                           with this command's keys
 *   KEY(ID, key, name)      a key for command ID and its name in the help
 *
 * A handler is `unsigned handler(struct tui *t, uint64_t count)` returning
 * reaction flags (reaction.h). Adding a command is one CMD row, its KEY rows
 * and the handler. Pure: no curses (the key codes are input.h's). */
#ifndef RNNSTEP_TUI_COMMAND_TABLE_H
#define RNNSTEP_TUI_COMMAND_TABLE_H

/* clang-format off */
#define COMMAND_TABLE(CMD, KEY)                                                                    \
    CMD(STEP, cmd_step, "next micro-step: forward t, backward t, update")                          \
    KEY(STEP, 'n', "n")                                                                            \
    CMD(BACK, cmd_back, "step back: rewind exactly one micro-step")                                \
    KEY(BACK, 'p', "p") KEY(BACK, INPUT_KEY_BACKSPACE, "Backspace") KEY(BACK, 127, "Backspace")    \
    KEY(BACK, 8, "Backspace")                                                                      \
    CMD(EPOCH, cmd_epoch, "finish the epoch (iteration); 100e runs 100")                           \
    KEY(EPOCH, 'e', "e")                                                                           \
    CMD(PASS, cmd_pass, "run a whole pass over the text (corpus mode)")                            \
    KEY(PASS, 'E', "E")                                                                            \
    CMD(GOTO, cmd_goto, "go to epoch (iteration) N: 1000G; G alone asks for N")                    \
    KEY(GOTO, 'G', "G")                                                                            \
    CMD(EXPLOSION_PAUSE, cmd_explosion_pause, "pausing at exploding gradients on/off")             \
    KEY(EXPLOSION_PAUSE, 'X', "X")                                                                 \
    CMD(ZOOM, cmd_zoom, "zoom: the next pane alone on the whole screen; Z all panes")              \
    KEY(ZOOM, 'z', "z")                                                                            \
    CMD(ZOOM_OFF, cmd_zoom_off, NULL)                                                              \
    KEY(ZOOM_OFF, 'Z', "Z")                                                                        \
    CMD(AUTOPLAY, cmd_autoplay, "autoplay on/off")                                                 \
    KEY(AUTOPLAY, ' ', "space")                                                                    \
    CMD(FASTER, cmd_faster, "autoplay faster, slower")                                             \
    KEY(FASTER, '+', "+") KEY(FASTER, '=', "=")                                                    \
    CMD(SLOWER, cmd_slower, NULL)                                                                  \
    KEY(SLOWER, '-', "-")                                                                          \
    CMD(UNIT_NEXT, cmd_unit_next, "select the next, previous hidden unit")                         \
    KEY(UNIT_NEXT, 'u', "u")                                                                       \
    CMD(UNIT_PREV, cmd_unit_prev, NULL)                                                            \
    KEY(UNIT_PREV, 'U', "U")                                                                       \
    CMD(MATRIX_NEXT, cmd_matrix_next, "matrix pane: next, previous matrix U W b V c")              \
    KEY(MATRIX_NEXT, INPUT_KEY_TAB, "Tab")                                                         \
    CMD(MATRIX_PREV, cmd_matrix_prev, NULL)                                                        \
    KEY(MATRIX_PREV, INPUT_KEY_BTAB, "S-Tab")                                                      \
    CMD(ENTRY_LEFT, cmd_entry_left, "matrix pane: move the selected entry")                        \
    KEY(ENTRY_LEFT, INPUT_KEY_LEFT, "arrows")                                                      \
    CMD(ENTRY_RIGHT, cmd_entry_right, NULL)                                                        \
    KEY(ENTRY_RIGHT, INPUT_KEY_RIGHT, "arrows")                                                    \
    CMD(ENTRY_UP, cmd_entry_up, NULL)                                                              \
    KEY(ENTRY_UP, INPUT_KEY_UP, "arrows")                                                          \
    CMD(ENTRY_DOWN, cmd_entry_down, NULL)                                                          \
    KEY(ENTRY_DOWN, INPUT_KEY_DOWN, "arrows")                                                      \
    CMD(MATRIX_NUMBERS, cmd_matrix_numbers, "matrix pane: numbers or heat glyphs; value or dL/d")  \
    KEY(MATRIX_NUMBERS, 'x', "x")                                                                  \
    CMD(MATRIX_GRAD, cmd_matrix_grad, NULL)                                                        \
    KEY(MATRIX_GRAD, 'd', "d")                                                                     \
    CMD(EDIT_ENTRY, cmd_edit_entry, "weight edit: set the selected entry; scale the parameter"   ) \
    KEY(EDIT_ENTRY, 'v', "v")                                                                      \
    CMD(EDIT_SCALE, cmd_edit_scale, NULL)                                                          \
    KEY(EDIT_SCALE, '*', "*")                                                                      \
    CMD(RESET, cmd_reset, "reset to epoch 0 (keeps lr, o, c)")                                     \
    KEY(RESET, 'r', "r")                                                                           \
    CMD(CLIP, cmd_clip, "clipping on/off (at 0.5); C types it; N by norm (at 1)"   )           \
    KEY(CLIP, 'c', "c")                                                                            \
    CMD(CLIP_VALUE, cmd_clip_value, NULL)                                                          \
    KEY(CLIP_VALUE, 'C', "C")                                                                      \
    CMD(CLIP_NORM, cmd_clip_norm, NULL)                                                            \
    KEY(CLIP_NORM, 'N', "N")                                                                       \
    CMD(LR_HALVE, cmd_lr_halve, "learning rate: halve, double, type; o optimiser")                 \
    KEY(LR_HALVE, '[', "[")                                                                        \
    CMD(LR_DOUBLE, cmd_lr_double, NULL)                                                            \
    KEY(LR_DOUBLE, ']', "]")                                                                       \
    CMD(LR_TYPE, cmd_lr_type, NULL)                                                                \
    KEY(LR_TYPE, 'R', "R")                                                                         \
    CMD(OPTIMIZER, cmd_optimizer, NULL)                                                            \
    KEY(OPTIMIZER, 'o', "o")                                                                       \
    CMD(BUG, cmd_bug, "BPTT lab: injected bug; truncate shorter, longer; K view")                  \
    KEY(BUG, 'B', "B")                                                                             \
    CMD(TRUNC_SHORTER, cmd_trunc_shorter, NULL)                                                    \
    KEY(TRUNC_SHORTER, '{', "{")                                                                   \
    CMD(TRUNC_LONGER, cmd_trunc_longer, NULL)                                                      \
    KEY(TRUNC_LONGER, '}', "}")                                                                    \
    CMD(VIEW_TRUNCATION, cmd_view_truncation, NULL)                                                \
    KEY(VIEW_TRUNCATION, 'K', "K")                                                                 \
    CMD(VIEW_FLOW, cmd_view_flow, "views: flow, grad check, samples, loss chart, diagnostics")     \
    KEY(VIEW_FLOW, 'f', "f")                                                                       \
    CMD(VIEW_GRADCHECK, cmd_view_gradcheck, NULL)                                                  \
    KEY(VIEW_GRADCHECK, 'g', "g")                                                                  \
    CMD(VIEW_SAMPLE, cmd_view_sample, NULL)                                                        \
    KEY(VIEW_SAMPLE, 's', "s")                                                                     \
    CMD(VIEW_CHART, cmd_view_chart, NULL)                                                          \
    KEY(VIEW_CHART, 'l', "l")                                                                      \
    CMD(VIEW_DIAGNOSTICS, cmd_view_diagnostics, NULL)                                              \
    KEY(VIEW_DIAGNOSTICS, 'D', "D")                                                                \
    CMD(SCROLL_DOWN, cmd_scroll_down, "scroll the view down, up")                                  \
    KEY(SCROLL_DOWN, 'j', "j")                                                                     \
    CMD(SCROLL_UP, cmd_scroll_up, NULL)                                                            \
    KEY(SCROLL_UP, 'k', "k")                                                                       \
    CMD(CHART_SCALE, cmd_chart_scale, "chart log scale; sample temperature, start, redo")          \
    KEY(CHART_SCALE, 'y', "y")                                                                     \
    CMD(TEMPERATURE, cmd_temperature, NULL)                                                        \
    KEY(TEMPERATURE, 't', "t")                                                                     \
    CMD(FIRST_CHAR, cmd_first_char, NULL)                                                          \
    KEY(FIRST_CHAR, '>', ">")                                                                      \
    CMD(RESAMPLE, cmd_resample, NULL)                                                              \
    KEY(RESAMPLE, 'S', "S")                                                                        \
    CMD(FORK, cmd_fork, "fork a ghost run; save, load parameters (or example)")                    \
    KEY(FORK, 'F', "F")                                                                            \
    CMD(SAVE, cmd_save, NULL)                                                                      \
    KEY(SAVE, 'w', "w")                                                                            \
    CMD(LOAD, cmd_load, NULL)                                                                      \
    KEY(LOAD, 'L', "L")                                                                            \
    CMD(QUIZ, cmd_quiz, "quiz: predict before each step, keep a score")                            \
    KEY(QUIZ, 'Q', "Q")                                                                            \
    CMD(PICTURE, cmd_picture, "write the screen as SVG: rnnstep-epoch-E-step-S.svg")               \
    KEY(PICTURE, 'P', "P")                                                                         \
    CMD(HELP, cmd_help, "this help; j, k scroll it, other keys close it")                          \
    KEY(HELP, '?', "?") KEY(HELP, INPUT_KEY_F1, "F1")                                              \
    CMD(QUIT, cmd_quit, "quit")                                                                    \
    KEY(QUIT, 'q', "q")
/* clang-format on */

#endif
