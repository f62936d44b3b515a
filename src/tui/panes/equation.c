/* Equation pane: the formula of the micro-step just done with its real
 * numbers, as the worked example writes them. Forward: h_t, Omega_t, yhat_t,
 * L_t. Backward: the gradient terms with (yhat_t - y_t). Update: old - lr *
 * grad = new for every parameter entry. Below it, when there are rows to
 * spare, the ledger: the iteration's earlier steps with their numbers.
 * Numbers come from the engine view; each part is a file equation_*.c. */
#include "equation.h"
#include "rnnstep/analysis.h"
#include "view.h"

static void equation_update(void *state, const struct frame *f, struct rnn_engine *e)
{
    (void)e;
    struct eq_state *st = state;
    const struct rnn_view *v = &f->v;
    st->has_parts = v->has_last && v->last_phase == RNN_PHASE_BACKWARD &&
                    rnn_dh_parts(v, v->last_t, st->from_output, st->from_future);
    st->has_recurrent = v->has_last && v->last_phase == RNN_PHASE_FORWARD &&
                        rnn_recurrent_term(v, v->last_t, st->recurrent);
    st->exploded =
        v->has_last && v->last_phase == RNN_PHASE_UPDATE && (v->last_events & RNN_EV_EXPLODED);
    if (st->exploded)
        clip_candidates_derive(v, &st->cand);
}

static void equation_draw(const void *state, const struct frame *f, WINDOW *w)
{
    const struct rnn_view *v = &f->v;
    struct eq q = {.f = f,
                   .st = state,
                   .w = w,
                   .y = 1,
                   .width = getmaxx(w) - 1,
                   .p = rnn_activation_params(v)};
    if (!v->has_last) {
        eq_draw_start(&q);
        return;
    }
    if (v->last_phase == RNN_PHASE_FORWARD)
        eq_draw_forward(&q, v->last_t);
    else if (v->last_phase == RNN_PHASE_BACKWARD)
        eq_draw_backward(&q, v->last_t);
    else
        eq_draw_update(&q);
    eq_draw_ledger(&q);
    eq_draw_coming(&q);
}

const struct view_ops pane_equation = {.name = "equation",
                                       .state_size = sizeof(struct eq_state),
                                       .update = equation_update,
                                       .draw = equation_draw};
