#include "fa_shims.h"
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <pthread.h>

/* ---- thread-local state ------------------------------------------------------------- */
static _Thread_local jmp_buf *fa_jump;            /* armed while a guarded call runs */
static _Thread_local unsigned long fa_gen;        /* bumped when the environment is freed */
static _Thread_local char *fa_buf;
static _Thread_local size_t fa_len, fa_cap;

unsigned long fa_generation(void) { return fa_gen; }

const char *fa_captured_text(size_t *length) {
    *length = fa_len;
    return fa_buf ? fa_buf : "";
}

void fa_capture_clear(void) { fa_len = 0; }

static int fa_term_hook(void *info, const char *s) {
    (void)info;
    size_t n = strlen(s);
    if (fa_len + n + 1 > fa_cap) {
        size_t cap = fa_cap ? fa_cap : 4096;
        while (fa_len + n + 1 > cap) cap *= 2;
        char *grown = realloc(fa_buf, cap);
        if (!grown) return 1;              /* drop text rather than fail */
        fa_buf = grown;
        fa_cap = cap;
    }
    memcpy(fa_buf + fa_len, s, n);
    fa_len += n;
    fa_buf[fa_len] = 0;
    return 1;                              /* non-zero: GLPK prints nothing itself */
}

static void fa_error_hook(void *info) {
    (void)info;
    if (fa_jump) longjmp(*fa_jump, 1);     /* never returns into glp_error, which would abort */
}

/* Every guarded function: install hooks, setjmp, run the GLPK calls, disarm.
   On an intercepted error the environment is freed, as GLPK requires. */
#define FA_GUARD_BEGIN                                   \
    jmp_buf fa_here;                                     \
    jmp_buf *fa_prev = fa_jump;                          \
    glp_term_hook(fa_term_hook, NULL);                   \
    glp_error_hook(fa_error_hook, NULL);                 \
    if (setjmp(fa_here)) {                               \
        fa_jump = fa_prev;                               \
        glp_free_env();                                  \
        fa_gen++;                                        \
        return -1;                                       \
    }                                                    \
    fa_jump = &fa_here;

#define FA_GUARD_END fa_jump = fa_prev; return 0;

int fa_create_prob(glp_prob **out) {
    FA_GUARD_BEGIN
    *out = glp_create_prob();
    FA_GUARD_END
}

int fa_delete_prob(glp_prob *p, unsigned long generation) {
    if (generation != fa_gen) return 0;    /* already freed with its environment */
    FA_GUARD_BEGIN
    glp_delete_prob(p);
    FA_GUARD_END
}

int fa_load_model(glp_prob *p, int nrows, int ncols,
                  const int *row_type, const double *row_lb, const double *row_ub,
                  const int *col_type, const double *col_lb, const double *col_ub,
                  const int *col_kind,
                  int nnz, const int *ia, const int *ja, const double *ar,
                  const char *const *row_names, const char *const *col_names) {
    FA_GUARD_BEGIN
    if (nrows > 0) glp_add_rows(p, nrows);
    if (ncols > 0) glp_add_cols(p, ncols);
    for (int i = 0; i < nrows; i++) {
        glp_set_row_bnds(p, i + 1, row_type[i], row_lb[i], row_ub[i]);
        if (row_names && row_names[i]) glp_set_row_name(p, i + 1, row_names[i]);
    }
    for (int j = 0; j < ncols; j++) {
        glp_set_col_kind(p, j + 1, col_kind[j]);
        if (col_kind[j] != GLP_BV) glp_set_col_bnds(p, j + 1, col_type[j], col_lb[j], col_ub[j]);
        if (col_names && col_names[j]) glp_set_col_name(p, j + 1, col_names[j]);
    }
    if (nnz > 0) glp_load_matrix(p, nnz, ia, ja, ar);
    FA_GUARD_END
}

int fa_set_objective(glp_prob *p, int direction, const double *coef, double constant) {
    FA_GUARD_BEGIN
    int n = glp_get_num_cols(p);
    glp_set_obj_dir(p, direction);
    glp_set_obj_coef(p, 0, constant);
    for (int j = 0; j < n; j++) glp_set_obj_coef(p, j + 1, coef[j]);
    FA_GUARD_END
}

int fa_add_row(glp_prob *p, int len, const int *ind, const double *val,
               int type, double lb, double ub, const char *name) {
    FA_GUARD_BEGIN
    int i = glp_add_rows(p, 1);
    if (name) glp_set_row_name(p, i, name);
    glp_set_row_bnds(p, i, type, lb, ub);
    /* glp_set_mat_row wants 1-based arrays: shift the pointers by one. */
    glp_set_mat_row(p, i, len, ind - 1, val - 1);
    FA_GUARD_END
}

typedef struct {
    fa_mip_result *result;
    const double *start;    /* 1-based */
    const double *heuristic; /* the sub-MIP heuristic's solution, 1-based; NULL: none */
    int start_offered;
    double step;
    double mip_gap;         /* stop once the relative gap is at most this (0: prove) */
    int stopped_by_gap;
    unsigned long calls;    /* callbacks so far */
    int new_incumbent;      /* an incumbent arrived since the last bound/gap reading */
    int node_limit;         /* > 0: stop after this many nodes */
    double deadline;        /* glp_time() at which to stop (0: none); see fa_callback */
    double soft_deadline;   /* glp_time() at which to stop once there is an incumbent (0: none) */
    double limit_ms;        /* the whole limit the deadline ends */
    int stopped_by_time;
    glp_iocp *parm;         /* the search's parameters: its cut switches are turned off near the deadline */
    double last_cut_round;  /* glp_time() of the previous GLP_ICUTGEN or GLP_ISELECT callback (0: none yet) */
} fa_callback_context;

/* ---- interruption (Ctrl-C) ----------------------------------------------------------- */

static volatile sig_atomic_t fa_signal;

static void fa_on_signal(int sig) { fa_signal = sig; }

void fa_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = fa_on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    /* A process started from a thread that blocks these signals (posix_spawn keeps the
       spawning thread's mask) would never see them: unblock them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int fa_interrupt_signal(void) { return fa_signal; }

void fa_request_interrupt(int sig) { fa_signal = sig; }

/* Up to this many nodes the bound is read at every callback (see below). */
#define FA_EVERY_CALLBACK_NODES 256

static void fa_callback(glp_tree *tree, void *info) {
    fa_callback_context *ctx = info;
    if (fa_signal) {
        glp_ios_terminate(tree);
        return;
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && !ctx->start_offered) {
        ctx->start_offered = 1;
        if (ctx->start) glp_ios_heur_sol(tree, ctx->start);
        if (ctx->heuristic) glp_ios_heur_sol(tree, ctx->heuristic);   /* kept only if better */
        ctx->new_incumbent = 1;   /* read the gap now: a large model may not call back again */
    }
    if (glp_ios_reason(tree) == GLP_IBINGO) ctx->new_incumbent = 1;
    /* The time limit. GLPK tests its own only when it selects a node, and the root of the
       province model goes seconds without one (setting up the cut generators, 2.5 s; each cut
       round, 2.5-3 s): a stage given 7.3 s took 10.0 s, the tie-break given 3 s 5.1 s. So
       the limit is tested here, at every callback, after a last reading of the bound and once
       a starting solution has been offered (GLPK asks for one after the root's first LP); and
       cuts are switched off where they would end past it: before their set-up when less than
       a quarter of the limit is left, and before a cut round when less time is left than the
       last round took. */
    double now = ctx->deadline > 0 || ctx->soft_deadline > 0 ? glp_time() : 0;
    int out_of_time = (ctx->deadline > 0 && now >= ctx->deadline)
        || (ctx->soft_deadline > 0 && now >= ctx->soft_deadline && glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS);
    if (out_of_time) ctx->new_incumbent = 1;
    if (ctx->deadline > 0 && ctx->parm) {
        int reason = glp_ios_reason(tree);
        int late = (reason == GLP_ISELECT && !ctx->last_cut_round && ctx->deadline - now < ctx->limit_ms / 4)
            || (reason == GLP_ICUTGEN && ctx->last_cut_round && ctx->deadline - now < now - ctx->last_cut_round);
        if (late) ctx->parm->gmi_cuts = ctx->parm->mir_cuts = ctx->parm->cov_cuts = ctx->parm->clq_cuts = GLP_OFF;
        if (reason == GLP_ICUTGEN || reason == GLP_ISELECT) ctx->last_cut_round = now;
    }
    int active, current, total;
    glp_ios_tree_size(tree, &active, &current, &total);
    ctx->result->nodes = total;
    if (ctx->node_limit > 0 && total >= ctx->node_limit) {
        glp_ios_terminate(tree);
        return;
    }
    /* glp_ios_best_node walks every active node: reading the bound at each of the several
       callbacks per node made a 10,000-node knapsack search 3x slower than glpsol (mknapcb1-2:
       2.9 s vs 0.9 s with the same tree). Read it when an incumbent arrives, and otherwise at
       every 64th callback (the bound only improves: a stale one makes the gap reported on a
       time limit slightly larger, never smaller). Counted, not timed, so that where the search
       stops, and so the plan, is the same on every run and machine. GLPK's own mip_gap test
       reads it at every node (glpsol --mipgap 1e-6: 2.5 s → 3.2 s on mknapcb1-1), so the gap
       test is done here instead and GLPK is given mip_gap 0.
       In a small tree the walk costs nothing, and a large model may call back only a few
       times per node, each after seconds of work (a cut round at the root of the province
       model): there the bound is read at every callback, or a time limit would report the
       root LP's bound instead of the one the cuts reached (province stage 3: 0.20 % instead
       of 0.11 %). */
    if (!ctx->new_incumbent && total > FA_EVERY_CALLBACK_NODES && ++ctx->calls % 64 != 0) return;
    ctx->new_incumbent = 0;
    int best = glp_ios_best_node(tree);
    if (best) {
        ctx->result->best_bound = glp_ios_node_bound(tree, best);
        ctx->result->has_bound = 1;
    }
    ctx->result->gap = glp_ios_mip_gap(tree);
    if (ctx->mip_gap > 0 && ctx->result->gap <= ctx->mip_gap) {
        ctx->stopped_by_gap = 1;
        glp_ios_terminate(tree);
        return;
    }
    /* Objective on a lattice: an incumbent within one step of the bound is optimal. */
    if (ctx->step > 0 && best && glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS) {
        glp_prob *p = glp_ios_get_prob(tree);
        double incumbent = glp_mip_obj_val(p);
        double bound = ctx->result->best_bound;
        double distance = glp_get_obj_dir(p) == GLP_MIN ? incumbent - bound : bound - incumbent;
        double scale = fabs(incumbent) > 1 ? fabs(incumbent) : 1;
        double margin = ctx->step * 1e-3 > 1e-7 * scale ? ctx->step * 1e-3 : 1e-7 * scale;
        if (distance <= ctx->step - margin) {
            ctx->result->proven_by_step = 1;
            glp_ios_terminate(tree);
            return;
        }
    }
    if (out_of_time && (ctx->start_offered || !(ctx->start || ctx->heuristic))) {
        ctx->stopped_by_time = 1;
        glp_ios_terminate(tree);
    }
}

/* ---- sub-MIP heuristics, run on a copy of p whose root LP is optimal ------------------- */

/* What is left of a limit of `limit` ms begun at glp_time() `started`, as a GLPK tm_lim
   (at least 1 ms: 0 would mean no limit). */
static int fa_ms_left(double started, double limit) {
    double left = limit - glp_difftime(glp_time(), started) * 1000;
    return left > 1 ? (int)left : 1;
}

/* Solves the sub-MIP q with GLPK's presolve for at most tm_lim ms; 1 when it found a solution. */
static int fa_submip(glp_prob *q, const glp_iocp *base, double tm_lim) {
    glp_iocp parm = *base;
    parm.presolve = GLP_ON;
    double started = glp_time();
    parm.tm_lim = fa_ms_left(started, tm_lim);
    parm.cb_func = NULL;
    parm.cb_info = NULL;
    parm.msg_lev = GLP_MSG_OFF;
    parm.fp_heur = GLP_OFF;
    parm.ps_heur = GLP_OFF;
    /* GLPK's default branching: the presolved sub-MIP is small, and with the large model's
       most-fractional rule RINS found nothing in its time on the province's stage 2. */
    parm.br_tech = GLP_BR_DTH;
    if (glp_intopt(q, &parm) == GLP_ENOPFS) {
        /* GLPK 5.0's MIP presolver has called models infeasible that are not (the root LP of
           the full model is a solution of this one's relaxation): solve it without. */
        glp_smcp lp;
        glp_init_smcp(&lp);
        lp.msg_lev = GLP_MSG_OFF;
        lp.meth = GLP_DUALP;
        parm.presolve = GLP_OFF;
        lp.tm_lim = fa_ms_left(started, tm_lim);
        if (glp_simplex(q, &lp) == 0 && glp_get_status(q) == GLP_OPT) {
            parm.tm_lim = fa_ms_left(started, tm_lim);
            glp_intopt(q, &parm);
        }
    }
    int status = glp_mip_status(q);
    return status == GLP_OPT || status == GLP_FEAS;
}

/* q's MIP solution as a malloc'ed 1-based array (NULL when out of memory). */
static double *fa_solution_of(glp_prob *q, double *objective) {
    int n = glp_get_num_cols(q);
    double *x = malloc((size_t)(n + 1) * sizeof(double));
    if (!x) return NULL;
    x[0] = 0;
    for (int j = 1; j <= n; j++) x[j] = glp_mip_col_val(q, j);
    *objective = glp_mip_obj_val(q);
    return x;
}

/* With a known solution of p (`start`, 1-based), RINS (Danna, Rothberg, Le Pape 2005) instead:
   every integer column on which the root LP and that solution agree is fixed, the rest keep
   their bounds; the sub-MIP always has that solution, so it is never infeasible. */
static double *fa_rins(glp_prob *p, const glp_iocp *base, int tm_lim, const double *start, double *objective) {
    double started = glp_time();
    int n = glp_get_num_cols(p), free_columns = 0;
    glp_prob *q = glp_create_prob();
    glp_copy_prob(q, p, GLP_OFF);
    double *x = NULL;
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_kind(p, j) == GLP_CV) continue;
        double v = glp_get_col_prim(p, j), r = floor(start[j] + 0.5);
        if (fabs(v - r) <= 1e-6) glp_set_col_bnds(q, j, GLP_FX, r, r); else free_columns++;
    }
    if (fa_submip(q, base, tm_lim)) x = fa_solution_of(q, objective);
    glp_printf("RINS: %d integer columns free, %.2f s, %s\n", free_columns, glp_difftime(glp_time(), started),
               x ? "solution found" : "no solution");
    glp_delete_prob(q);
    return x;
}

/* A two-step RENS (Berthold 2014) for models with many general integers (whole-万元 amounts):
   1. every binary the LP left integral is fixed; the general integers are made continuous; the
      few remaining binaries are solved for (a small MIP);
   2. every binary is fixed at that solution, the general integers are integer again, and that
      MIP (amounts only) is solved.
   Step 1 gets half of tm_lim ms. Returns a solution of p (malloc'ed, 1-based) or NULL. */
static double *fa_rens(glp_prob *p, const glp_iocp *base, int tm_lim, double *objective) {
    double started = glp_time();
    int n = glp_get_num_cols(p), fractional = 0, step = 0;
    glp_prob *q = glp_create_prob();
    glp_copy_prob(q, p, GLP_OFF);
    double *x = NULL;
    for (int j = 1; j <= n; j++) {
        int kind = glp_get_col_kind(p, j);
        if (kind == GLP_IV) glp_set_col_kind(q, j, GLP_CV);
        if (kind != GLP_BV) continue;
        double v = glp_get_col_prim(p, j), r = floor(v + 0.5);
        if (fabs(v - r) <= 1e-6) glp_set_col_bnds(q, j, GLP_FX, r, r); else fractional++;
    }
    step = 1;
    if (fa_submip(q, base, tm_lim / 2.0)) {
        for (int j = 1; j <= n; j++) {
            int kind = glp_get_col_kind(p, j);
            if (kind == GLP_BV) { double r = floor(glp_mip_col_val(q, j) + 0.5); glp_set_col_bnds(q, j, GLP_FX, r, r); }
            if (kind == GLP_IV) glp_set_col_kind(q, j, GLP_IV);
        }
        step = 2;
        if (fa_submip(q, base, fa_ms_left(started, tm_lim))) x = fa_solution_of(q, objective);
    }
    glp_printf("RENS: %d fractional binaries, %.2f s, %s\n", fractional, glp_difftime(glp_time(), started),
               x ? "solution found" : step == 1 ? "no solution (binaries)" : "no solution (amounts)");
    glp_delete_prob(q);
    return x;
}

/* Starts p's simplex from `basis` (see fa_mip_params); GLPK adjusts a non-basic status that
   does not fit a bound's type. */
static void fa_set_basis(glp_prob *p, const int *basis, int rows, int cols) {
    int m = glp_get_num_rows(p), n = glp_get_num_cols(p);
    for (int i = 1; i <= m; i++) glp_set_row_stat(p, i, i <= rows ? basis[i - 1] : GLP_BS);
    for (int j = 1; j <= n; j++) glp_set_col_stat(p, j, j <= cols ? basis[rows + j - 1] : GLP_NL);
}

static void fa_get_basis(glp_prob *p, int *basis) {
    int m = glp_get_num_rows(p), n = glp_get_num_cols(p);
    for (int i = 1; i <= m; i++) basis[i - 1] = glp_get_row_stat(p, i);
    for (int j = 1; j <= n; j++) basis[m + j - 1] = glp_get_col_stat(p, j);
}

int fa_solve_mip(glp_prob *p, const fa_mip_params *params, fa_mip_result *result,
                 double *col_values, int *basis_out) {
    /* Freed after the guard: an intercepted GLPK error longjmps past any cleanup. */
    static _Thread_local double *heuristic;
    free(heuristic);
    heuristic = NULL;
    FA_GUARD_BEGIN
    fa_callback_context ctx = { result, params->start, NULL, 0, params->objective_step, params->mip_gap, 0, 0, 0,
                                params->node_limit };
    if (params->time_limit_ms > 0) {
        ctx.deadline = glp_time() + params->time_limit_ms;
        ctx.limit_ms = params->time_limit_ms;
    }
    if (params->soft_time_limit_ms > 0) ctx.soft_deadline = glp_time() + params->soft_time_limit_ms;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = params->msg_lev;
    parm.presolve = params->presolve;
    parm.mip_gap = 0;   /* tested in the callback (ctx.mip_gap) */
    if (params->time_limit_ms > 0) parm.tm_lim = params->time_limit_ms;
    parm.fp_heur = params->fp_heur;
    parm.ps_heur = params->ps_heur;
    if (params->ps_tm_lim > 0) parm.ps_tm_lim = params->ps_tm_lim;
    parm.gmi_cuts = params->gmi_cuts;
    parm.mir_cuts = params->mir_cuts;
    parm.cov_cuts = params->cov_cuts;
    parm.clq_cuts = params->clq_cuts;
    if (params->br_tech) parm.br_tech = params->br_tech;
    if (params->bt_tech) parm.bt_tech = params->bt_tech;
    parm.cb_func = fa_callback;
    parm.cb_info = &ctx;
    ctx.parm = &parm;   /* GLPK keeps a pointer to parm and reads its cut switches at every node */
    result->gap = DBL_MAX;
    result->has_bound = 0;
    result->nodes = 0;
    result->proven_by_step = 0;
    result->has_basis = 0;
    glp_scale_prob(p, GLP_SF_AUTO);
    if (params->presolve == GLP_ON) {
        result->ret = glp_intopt(p, &parm);
    } else {
        /* Without the MIP presolver the tree works on p itself (so a starting solution given
           in p's columns is valid), and the LP relaxation must be solved first. */
        glp_smcp lp;
        glp_init_smcp(&lp);
        lp.msg_lev = params->msg_lev;
        lp.presolve = GLP_OFF;
        if (params->dual_simplex) lp.meth = GLP_DUALP;
        double started = glp_time();
        if (params->time_limit_ms > 0) lp.tm_lim = params->time_limit_ms;
        int lp_ret;
        if (params->basis) {
            /* The previous stage's optimal basis is primal feasible here (its LP optimum meets
               the new hold): the primal simplex only re-optimises for the new objective. */
            fa_set_basis(p, params->basis, params->basis_rows, params->basis_cols);
            lp.meth = GLP_PRIMAL;
            lp_ret = glp_simplex(p, &lp);
            if (lp_ret == GLP_EBADB || lp_ret == GLP_ESING || lp_ret == GLP_ECOND) {
                glp_printf("fundalloc: the previous stage's basis is not usable here; starting afresh\n");
                glp_adv_basis(p, 0);
                if (params->dual_simplex) lp.meth = GLP_DUALP;
                if (params->time_limit_ms > 0) lp.tm_lim = fa_ms_left(started, params->time_limit_ms);
                lp_ret = glp_simplex(p, &lp);
            }
        } else {
            /* GLPK's advanced (triangular) initial basis, as glpsol uses, instead of the all-slack
               one: the province model's root LP 14,935 → 5,981 dual simplex iterations (15.4 s →
               5.1 s for its first stage); Xianyang solver time, median of 5: baseline 25 → 21 ms,
               budget cut 306 → 201 ms, strict gate 28 → 18 ms, villages 26 → 21 ms. */
            glp_adv_basis(p, 0);
            lp_ret = glp_simplex(p, &lp);
        }
        int lp_status = glp_get_status(p);
        if (lp_ret == 0 && lp_status == GLP_OPT) {
            /* The root LP's optimum bounds every solution: the gap of a search stopped before
               its first bound reading is measured against it. */
            result->best_bound = glp_get_obj_val(p);
            result->has_bound = 1;
            if (basis_out) {
                fa_get_basis(p, basis_out);
                result->has_basis = 1;
            }
        }
        if (lp_ret == GLP_ETMLIM) result->ret = GLP_ETMLIM;
        else if (lp_ret != 0) result->ret = GLP_EFAIL;
        else if (lp_status == GLP_NOFEAS) result->ret = GLP_ENOPFS;
        else if (lp_status == GLP_UNBND) result->ret = GLP_ENODFS;
        else {
            if (params->submip_tm_lim > 0) {
                /* At most three quarters of what the LP left: the search must still start to
                   take the solution. */
                int tm_lim = params->submip_tm_lim;
                int cap = params->time_limit_ms > 0 ? (int)(0.75 * fa_ms_left(started, params->time_limit_ms)) + 1 : INT_MAX;
                if (cap < tm_lim) tm_lim = cap;
                double value;
                parm.gmi_cuts = params->submip_gmi_cuts;
                heuristic = params->start ? fa_rins(p, &parm, tm_lim, params->start, &value)
                                          : fa_rens(p, &parm, tm_lim, &value);
                parm.gmi_cuts = params->gmi_cuts;
                ctx.heuristic = heuristic;
            }
            /* The LP and the heuristic count against the limit; the callback keeps it, so that
               GLPK cannot stop before it has taken the start and the heuristic's solution. */
            parm.tm_lim = INT_MAX;
            result->ret = glp_intopt(p, &parm);
        }
    }
    if (ctx.stopped_by_gap && result->ret == GLP_ESTOP) result->ret = GLP_EMIPGAP;
    if (ctx.stopped_by_time && result->ret == GLP_ESTOP) result->ret = GLP_ETMLIM;
    result->status = glp_mip_status(p);
    result->objective = glp_mip_obj_val(p);
    if (result->status == GLP_FEAS && result->gap == DBL_MAX && result->has_bound)
        result->gap = fabs(result->objective - result->best_bound) / (fabs(result->objective) + DBL_EPSILON);
    int n = glp_get_num_cols(p);
    for (int j = 0; j < n; j++) col_values[j] = glp_mip_col_val(p, j + 1);
    free(heuristic);
    heuristic = NULL;
    FA_GUARD_END
}

int fa_write_model(glp_prob *p, int format, const char *name, const char *path, int *ret) {
    FA_GUARD_BEGIN
    if (name != NULL && name[0] != '\0') glp_set_prob_name(p, name);
    *ret = format == 0 ? glp_write_lp(p, NULL, path) : glp_write_mps(p, GLP_MPS_FILE, NULL, path);
    FA_GUARD_END
}

int fa_provoke_error(void) {
    FA_GUARD_BEGIN
    glp_prob *p = glp_create_prob();
    glp_set_col_kind(p, 1, GLP_BV);        /* column 1 does not exist: glp_error */
    glp_delete_prob(p);
    FA_GUARD_END
}
