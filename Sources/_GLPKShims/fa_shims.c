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

int fa_copy_prob(glp_prob *p, glp_prob **out) {
    FA_GUARD_BEGIN
    *out = glp_create_prob();
    glp_copy_prob(*out, p, GLP_OFF);
    FA_GUARD_END
}

int fa_print(const char *text) {
    FA_GUARD_BEGIN
    glp_printf("%s", text);
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

int fa_fix_columns(glp_prob *p, int count, const int *cols, const double *values) {
    FA_GUARD_BEGIN
    for (int k = 0; k < count; k++) glp_set_col_bnds(p, cols[k], GLP_FX, values[k], values[k]);
    FA_GUARD_END
}

int fa_set_column_kinds(glp_prob *p, int count, const int *cols, const int *kinds) {
    FA_GUARD_BEGIN
    for (int k = 0; k < count; k++) glp_set_col_kind(p, cols[k], kinds[k]);
    FA_GUARD_END
}

int fa_column_kinds(glp_prob *p, int *kinds) {
    FA_GUARD_BEGIN
    int n = glp_get_num_cols(p);
    for (int j = 0; j < n; j++) kinds[j] = glp_get_col_kind(p, j + 1);
    FA_GUARD_END
}

int fa_lp_values(glp_prob *p, double *values) {
    FA_GUARD_BEGIN
    int n = glp_get_num_cols(p);
    for (int j = 0; j < n; j++) values[j] = glp_get_col_prim(p, j + 1);
    FA_GUARD_END
}

int fa_mip_values(glp_prob *p, double *values, double *objective, int *status) {
    FA_GUARD_BEGIN
    int n = glp_get_num_cols(p);
    for (int j = 0; j < n; j++) values[j] = glp_mip_col_val(p, j + 1);
    *objective = glp_mip_obj_val(p);
    *status = glp_mip_status(p);
    FA_GUARD_END
}

int fa_scale(glp_prob *p) {
    FA_GUARD_BEGIN
    glp_scale_prob(p, GLP_SF_AUTO);
    FA_GUARD_END
}

int fa_set_basis(glp_prob *p, const int *basis, int rows, int cols) {
    FA_GUARD_BEGIN
    int m = glp_get_num_rows(p), n = glp_get_num_cols(p);
    for (int i = 1; i <= m; i++) glp_set_row_stat(p, i, i <= rows ? basis[i - 1] : GLP_BS);
    for (int j = 1; j <= n; j++) glp_set_col_stat(p, j, j <= cols ? basis[rows + j - 1] : GLP_NL);
    FA_GUARD_END
}

int fa_get_basis(glp_prob *p, int *basis) {
    FA_GUARD_BEGIN
    int m = glp_get_num_rows(p), n = glp_get_num_cols(p);
    for (int i = 1; i <= m; i++) basis[i - 1] = glp_get_row_stat(p, i);
    for (int j = 1; j <= n; j++) basis[m + j - 1] = glp_get_col_stat(p, j);
    FA_GUARD_END
}

int fa_advanced_basis(glp_prob *p) {
    FA_GUARD_BEGIN
    glp_adv_basis(p, 0);
    FA_GUARD_END
}

int fa_simplex(glp_prob *p, int method, int tm_lim, int msg_lev, int *ret, int *status, double *objective) {
    FA_GUARD_BEGIN
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = msg_lev;
    lp.presolve = GLP_OFF;
    lp.meth = method;
    if (tm_lim > 0) lp.tm_lim = tm_lim;
    *ret = glp_simplex(p, &lp);
    *status = glp_get_status(p);
    *objective = glp_get_obj_val(p);
    FA_GUARD_END
}

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

/* ---- the branch-and-cut callback: it enforces the limits it is given ------------------ */

typedef struct {
    const fa_search_params *params;
    fa_search_result *result;
    glp_iocp *parm;         /* GLPK keeps a pointer to it and reads its cut switches at every node */
    int offered;            /* the solutions have been offered */
    unsigned long calls;    /* callbacks so far */
    int new_incumbent;      /* an incumbent arrived since the last bound/gap reading */
    double deadline;        /* glp_time() at which to stop (0: none) */
    double soft_deadline;   /* glp_time() at which to stop once there is an incumbent (0: none) */
    double last_cut_round;  /* glp_time() of the previous GLP_ICUTGEN or GLP_ISELECT callback (0: none yet) */
} fa_callback_context;

/* Up to this many nodes the bound is read at every callback (see below). */
#define FA_EVERY_CALLBACK_NODES 256

static void fa_stop(glp_tree *tree, fa_callback_context *ctx, int why) {
    ctx->result->stop = why;
    glp_ios_terminate(tree);
}

static void fa_callback(glp_tree *tree, void *info) {
    fa_callback_context *ctx = info;
    const fa_search_params *params = ctx->params;
    if (fa_signal) {
        fa_stop(tree, ctx, FA_STOP_SIGNAL);
        return;
    }
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && !ctx->offered) {
        ctx->offered = 1;
        for (int k = 0; k < params->offered_count; k++)
            if (params->offered[k]) glp_ios_heur_sol(tree, params->offered[k]);   /* kept only if better */
        ctx->new_incumbent = 1;   /* read the gap now: a large model may not call back again */
    }
    if (reason == GLP_IBINGO) ctx->new_incumbent = 1;
    /* The deadline is tested here, at every callback: GLPK tests its own only when it selects
       a node, and the root of a large model goes seconds without one (setting up the cut
       generators, each cut round). It stops the search only once the offered solutions are
       in, after a last reading of the bound. */
    double now = ctx->deadline > 0 || ctx->soft_deadline > 0 ? glp_time() : 0;
    int out_of_time = (ctx->deadline > 0 && now >= ctx->deadline)
        || (ctx->soft_deadline > 0 && now >= ctx->soft_deadline && glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS);
    if (out_of_time) ctx->new_incumbent = 1;
    if (ctx->deadline > 0 && params->cut_guard) {
        int late = (reason == GLP_ISELECT && !ctx->last_cut_round && ctx->deadline - now < params->limit_ms / 4.0)
            || (reason == GLP_ICUTGEN && ctx->last_cut_round && ctx->deadline - now < now - ctx->last_cut_round);
        if (late) ctx->parm->gmi_cuts = ctx->parm->mir_cuts = ctx->parm->cov_cuts = ctx->parm->clq_cuts = GLP_OFF;
        if (reason == GLP_ICUTGEN || reason == GLP_ISELECT) ctx->last_cut_round = now;
    }
    int active, current, total;
    glp_ios_tree_size(tree, &active, &current, &total);
    ctx->result->nodes = total;
    if (params->root_cuts_only && reason == GLP_ISELECT && total > 1)
        ctx->parm->gmi_cuts = ctx->parm->mir_cuts = ctx->parm->cov_cuts = ctx->parm->clq_cuts = GLP_OFF;
    if (params->node_limit > 0 && total >= params->node_limit) {
        fa_stop(tree, ctx, FA_STOP_NODES);
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
    if (params->mip_gap > 0 && ctx->result->gap <= params->mip_gap) {
        fa_stop(tree, ctx, FA_STOP_GAP);
        return;
    }
    /* Objective on a lattice: an incumbent within one step of the bound is optimal. */
    if (params->objective_step > 0 && best && glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS) {
        glp_prob *p = glp_ios_get_prob(tree);
        double incumbent = glp_mip_obj_val(p);
        double bound = ctx->result->best_bound;
        double distance = glp_get_obj_dir(p) == GLP_MIN ? incumbent - bound : bound - incumbent;
        double scale = fabs(incumbent) > 1 ? fabs(incumbent) : 1;
        double step = params->objective_step;
        double margin = step * 1e-3 > 1e-7 * scale ? step * 1e-3 : 1e-7 * scale;
        if (distance <= step - margin) {
            fa_stop(tree, ctx, FA_STOP_STEP);
            return;
        }
    }
    if (out_of_time && (ctx->offered || params->offered_count == 0)) fa_stop(tree, ctx, FA_STOP_TIME);
}

int fa_intopt(glp_prob *p, const fa_search_params *params, fa_search_result *result, double *col_values) {
    FA_GUARD_BEGIN
    fa_callback_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.params = params;
    ctx.result = result;
    if (params->deadline_ms > 0) ctx.deadline = glp_time() + params->deadline_ms;
    if (params->soft_deadline_ms > 0) ctx.soft_deadline = glp_time() + params->soft_deadline_ms;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = params->msg_lev;
    parm.presolve = params->presolve;
    parm.mip_gap = 0;   /* tested in the callback */
    if (params->tm_lim > 0) parm.tm_lim = params->tm_lim;
    if (params->tol_int > 0) parm.tol_int = params->tol_int;
    parm.fp_heur = params->fp_heur;
    parm.ps_heur = params->ps_heur;
    parm.gmi_cuts = params->gmi_cuts;
    parm.mir_cuts = params->mir_cuts;
    parm.cov_cuts = params->cov_cuts;
    parm.clq_cuts = params->clq_cuts;
    if (params->br_tech) parm.br_tech = params->br_tech;
    if (params->bt_tech) parm.bt_tech = params->bt_tech;
    if (params->pp_root) parm.pp_tech = GLP_PP_ROOT;
    if (params->use_callback) {
        parm.cb_func = fa_callback;
        parm.cb_info = &ctx;
        ctx.parm = &parm;
    }
    result->gap = DBL_MAX;
    result->has_bound = params->has_initial_bound;
    result->best_bound = params->initial_bound;
    result->nodes = 0;
    result->stop = FA_STOP_NONE;
    result->ret = glp_intopt(p, &parm);
    result->status = glp_mip_status(p);
    result->objective = glp_mip_obj_val(p);
    int n = glp_get_num_cols(p);
    for (int j = 0; j < n; j++) col_values[j] = glp_mip_col_val(p, j + 1);
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
