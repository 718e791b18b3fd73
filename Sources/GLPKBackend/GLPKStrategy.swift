import CGLPK
import _GLPKShims
import FundAllocation

/// How GLPK runs one solve: every parameter, decided per model class in this one place, each
/// with the measurement behind it. `GLPKSolver` carries it out; the C shim only calls GLPK and
/// enforces the limits it is handed.
///
/// Model classes: **small** (fewer than `largeModelColumns` columns) or **large**; **pure 0-1**
/// (every column binary: OR-Library knapsacks) or with amounts and continuous columns;
/// **cold** (no starting solution: GLPK's MIP presolver runs) or **warm** (a later stage, started
/// from the previous stage's plan and root basis); **plain** (the retry after GLPK failed or
/// gave a wrong answer: GLPK's defaults, nothing of ours).
///
/// The province-scale numbers below were measured on the model before its partly funded rows
/// were tightened (`AllocationModel`, k ≥ ⌈min_share·cost/unit⌉·x): since then its second
/// stage ends within 0.007–0.025 % instead of 0.23 %, and these settings were not measured again.
struct GLPKStrategy {
    /// From this many columns on, the presolver is off, the root LP is solved by the dual
    /// simplex and a RENS heuristic finds the first incumbent. Measured on the generated
    /// province model (3,500 projects, 34,203 columns; `fundalloc generate --projects 3500
    /// --regions 56 --sources 10 --periods 4 --villages --seed 1`): GLPK's root LP 12.0 s primal
    /// vs 4.6 s dual (glpsol); with GLPK alone no incumbent in 60 s; with RENS the first
    /// stage's optimum 0.9 s after the LP, proven at the root. Below it the MIP presolver is
    /// kept (small models solve faster with it).
    static let largeModelColumns = 2000
    /// Time given to the sub-MIP heuristic, at most `subMIPShare` of the stage's limit. It also
    /// runs in every warm-started stage of a small model, where it was measured (median of 3,
    /// ms per stage 1/2/3, timed around `solver.solve` in `Planner`): baseline 10/13/35 →
    /// 10/13/8, strict gate 4/5/25 → 4/6/6, villages 9/27/16 → 9/14/13, budget cut 48/187/37
    /// → 48/179/30; coverage-first 8/6 → 7/10 (the one loss).
    static let subMIPSeconds = 20.0
    /// Province scale, 60 s (stage 2 gets 27 s; one run each, the stage-2 score and gap, stage 3
    /// gap): a quarter 9,131.55, 0.305 %, 0.106 % (RINS's one solution came at the end of its
    /// time; where RINS finds none, stage 2 ends at 33 %); 0.35: the same; a half: 9,139.55
    /// (twice), 0.244 %, 0.138 %; 0.65: 9,139.55, 0.268 % (less time for the root's cuts).
    static let subMIPShare = 0.5
    /// The sub-MIP may use at most this share of what the root LP left of the limit: the search
    /// must still start, to take its solution.
    static let subMIPCapOfWhatIsLeft = 0.75

    /// Run GLPK's MIP presolver (then no start, basis or sub-MIP: it renumbers the columns).
    var presolve: Bool
    /// Solve the root LP with the dual simplex (else the primal).
    var dualSimplex: Bool
    /// Milliseconds for the sub-MIP heuristic before branching (RINS around the start when there
    /// is one, else RENS); 0: none.
    var subMIPMilliseconds: Int
    /// Gomory cuts in the sub-MIP (the search itself follows `search.gmi_cuts`).
    var subMIPGomoryCuts: Int32
    /// The whole limit and the soft limit (stop once a solution is known), ms; 0: none.
    var limitMilliseconds: Int
    var softLimitMilliseconds: Int
    /// The basis to start the root LP from (without the presolver only).
    var basis: MILPBasis?
    /// GLPK's parameters and the limits its callback enforces (the deadlines are set when the
    /// search starts, from what is left).
    var search: fa_search_params

    init(model: MILPModel, options: MILPOptions, plain: Bool, feasibilityPump: Bool, proximitySearch: Bool, cuts: Bool) {
        let large = model.columns.count >= GLPKStrategy.largeModelColumns
        let pureBinary = model.allColumnsBinary
        // A starting solution is given in the model's own columns, which GLPK's MIP presolver
        // would renumber, so a warm-started solve runs without it; so does a large model, whose
        // root LP is solved by the dual simplex.
        // A question of ordering ties (`Planner.orderTies`) given a basis starts from it instead.
        presolve = options.start == nil && !plain && !large && !(options.tieOrder && options.basis != nil)
        dualSimplex = large
        // Without the presolver, a sub-MIP heuristic runs before branching (`subMIPSeconds`);
        // never in a deterministic solve (its limit is time).
        subMIPMilliseconds = !presolve && !plain && !options.deterministic && !options.tieOrder
            ? Int(max(1, min(GLPKStrategy.subMIPSeconds, (options.timeLimit ?? .infinity) * GLPKStrategy.subMIPShare) * 1000)) : 0
        limitMilliseconds = options.timeLimit.flatMap { options.deterministic ? nil : Int(max(1, min($0 * 1000, 2e9))) } ?? 0
        softLimitMilliseconds = options.softTimeLimit.map { Int(max(1, min($0 * 1000, 2e9))) } ?? 0
        // A basis only helps the simplex that runs without the presolver.
        basis = !presolve && !plain ? options.basis : nil

        var search = fa_search_params()
        search.msg_lev = GLP_MSG_ON
        search.presolve = presolve ? GLP_ON : GLP_OFF
        search.use_callback = 1
        search.mip_gap = options.mipGap
        search.objective_step = options.objectiveStep ?? 0
        search.node_limit = Int32(clamping: options.nodeLimit ?? 0)
        search.tol_int = options.integralityTolerance ?? 0
        search.fp_heur = feasibilityPump && !plain ? GLP_ON : GLP_OFF
        search.ps_heur = proximitySearch && !plain ? GLP_ON : GLP_OFF
        // Cuts (Gomory mixed-integer, MIR, cover, clique): on for models with amounts or
        // continuous columns — the Xianyang budget-cut scenario stalls at a 0.2 % gap for minutes
        // without them and is proven in 33 nodes with them (glpsol --cuts on the exported model,
        // same result). Never on pure 0-1 models, where GLPK generates them at every node:
        // OR-Library mknapcb1-2 took 24.7 s with them, 1.4 s without (glpsol --cuts vs
        // defaults); there best-projection backtracking is used instead (mknapcb1 1–5 with
        // glpsol: 52.7 s default, 19.6 s --bestp).
        let cutSwitch = cuts && !plain && !pureBinary ? GLP_ON : GLP_OFF
        if pureBinary && !plain { search.bt_tech = GLP_BT_BPH }
        // Large models branch on the most fractional variable: GLPK's default (Driebeck-Tomlin)
        // evaluates a tableau row per candidate, 2.8 s for one branching at the province model's
        // root (past the stage's time limit); with it stage 3 searched 9 nodes in 27 s, with the
        // most fractional 189, the gaps the same (0.107 %, 0.106 %; stage 2 0.305 %).
        if large && !plain { search.br_tech = GLP_BR_MFV }
        // GLPK tightens bounds from the rows at the root only, not again at every node: in the
        // 101-point sweep it was the most expensive routine of the search (ios_preprocess_node,
        // 15 % of the process's samples in `perf record` with a GLPK built with symbols). Sum of
        // the stage solves over the sweep (`fundalloc solve -v` per point, `--time-limit 5`)
        // 8.2 s → 6.2 s with 23,876 nodes instead of 22,510 (every point proven as before; the
        // plan differs only where Σ (N − j)·funds_j ties, see docs/scenario-format.md); shipped
        // scenarios, median of 5: baseline 25 → 19 ms, budget cut 240 → 185 ms, strict gate
        // 49 → 39 ms, the others level; `robust` on xianyang-uncertain.yaml (200 samples, 2 jobs)
        // 3.6–3.9 → 3.0–3.1 s, the same output; mknapcb1 #1–3 with `--backend glpk` 6.4 → 5.0 s
        // of CPU; the province's tie-break 351 → 479 nodes in its time, every stage within the
        // same gaps. No preprocessing at all was no faster (sweep 5.8–6.3 s, more nodes).
        search.pp_root = plain ? 0 : 1
        // Cuts at the root only (GLPK generates them again after every backtracking step): with
        // root-only preprocessing, the sweep's stage solves 6.9 / 7.8 / 7.5 s → 6.6 / 7.3 / 6.6 s
        // (three alternating pairs, 24,666 nodes instead of 23,876, every point proven as before,
        // the same plans); budget cut 185 → 168 ms, strict gate 39 → 35 ms (median of 5); `robust`
        // (200 samples) the same time and output. Pure 0-1 models search without cuts anyway.
        search.root_cuts_only = plain ? 0 : 1
        search.gmi_cuts = cutSwitch; search.mir_cuts = cutSwitch; search.cov_cuts = cutSwitch; search.clq_cuts = cutSwitch
        // A cold (presolved) solve without MIR cuts: Xianyang baseline 51.4 → 47.5 ms whole
        // process, the other shipped scenarios within noise (hyperfine, mean of 15).
        if presolve { search.mir_cuts = GLP_OFF }
        // The warm-started stages of a small model (from the previous stage's plan and basis):
        // Gomory and cover cuts, no MIR or clique cuts. With every generator, a few searches
        // went into long hunts: `robust` on scenarios/xianyang-uncertain.yaml, 200 samples, one
        // job, 11.9 s of CPU with all four, 7.8 s with Gomory alone, 8.0 s with none, 9.2 s
        // Gomory + clique, 13.5 s Gomory + MIR — the same output each time; sample 141's third
        // stage (minimise funds) took 17,279 nodes and 3.2 s with all, 189 nodes without
        // (glpsol solves the same exported model in 153). Without Gomory cuts the sweep
        // golden's point 1.2亿 / 旬邑县 ≥ 2300 stalls in stage 2 at a 0.23 % gap for its whole
        // 30 s. Gomory alone, though, left the 101-point budget sweep's third stage at
        // 1.072亿 unproven after 5 s and 23,000–30,000 nodes (0.093 % gap), where cover or MIR
        // cuts prove it in 39 or 7 nodes. Measured together (user CPU, one job; the sweep with
        // `--time-limit 5` per point, two runs each): sweep / robust 10.1–11.3 / 7.1–8.5 s with
        // Gomory + cover, 15.7–17.8 / 7.4–9.0 s Gomory alone, 11.1–12.8 / 10.7–11.6 s all four,
        // 10.9 / 10.4 s Gomory + MIR; the shipped scenarios take the same nodes within a few.
        if !presolve && !large {
            search.mir_cuts = GLP_OFF; search.clq_cuts = GLP_OFF
            // The tie-break stage (Σ (N − j)·funds_j among equally good plans, proven exactly)
            // searches with Gomory and MIR cuts instead: over the 101-point sweep (`fundalloc
            // solve -v` per point, `--time-limit 5`) 10,017 nodes with Gomory + cover, 6,897 with
            // Gomory + MIR (7,589 with all four, 7,247 MIR alone, 7,355 with depth-first
            // backtracking, 12,231 without the sub-MIP), one point unproven at its 500 nodes either
            // way; robust on scenarios/xianyang-uncertain.yaml (200 samples) the same output and
            // CPU time within noise.
            if options.tieBreak { search.mir_cuts = cutSwitch; search.cov_cuts = GLP_OFF }
        }
        // Ordering ties (`Planner.orderTies`): Gomory and MIR cuts at every node, no others. Its
        // questions ask whether a set that is almost always empty has a plan, where pruning by a
        // bound does not help; MIR cuts are what prove it (glpsol on the exported "other
        // projects" model at 1.11亿: 19 nodes with --mir, 265 with --cover, no answer in 10 s
        // without cuts or with Gomory or clique cuts alone). Over 21 budgets of the Xianyang sweep (1亿…1.2亿 in
        // 100万 steps, `fundalloc solve -v`), "other projects": GLPK's cold settings (no MIR) left
        // 4 of 6 budgets tried unproven at 5,000 nodes; MIR alone at every node 1,415 nodes,
        // 0.82 s, 2 unproven at 500; Gomory + MIR at the root only 2,041 nodes, 1.0 s, 4
        // unproven; Gomory + MIR at every node 243 nodes, 0.20 s, all proven (with cover cuts
        // too 281, 0.27 s).
        if options.tieOrder && cutSwitch == GLP_ON {
            search.gmi_cuts = GLP_ON; search.mir_cuts = GLP_ON; search.cov_cuts = GLP_OFF; search.clq_cuts = GLP_OFF
            search.root_cuts_only = 0
        }
        // Large models: no Gomory cuts in the search (the sub-MIP keeps them). Province scale,
        // 60 s, stage 2 gap 0.244 % with them, 0.233 % without (the same bound with MIR cuts
        // alone; clique and cover cuts changed nothing), stage 3 0.138 % either way, the same
        // plans; without them in the sub-MIP too, RINS's stage-2 plan was worse (9,137.8
        // instead of 9,139.55).
        subMIPGomoryCuts = search.gmi_cuts
        if large { search.gmi_cuts = GLP_OFF }
        // The deadline is enforced at every callback, and cuts are switched off where a round
        // would end past it: GLPK tests its own limit only when it selects a node, and the root
        // of the province model goes seconds without one (setting up the cut generators, 2.5 s;
        // each cut round, 2.5–3 s): a stage given 7.3 s took 10.0 s, the tie-break given 3 s
        // 5.1 s.
        search.cut_guard = 1
        self.search = search
    }

    /// The parameters of a sub-MIP heuristic's solve (`GLPKHeuristics`): GLPK alone (no
    /// callback), with its presolver (the sub-MIP is small once columns are fixed), quiet, no
    /// pump or proximity search, GLPK's default branching (with the large model's
    /// most-fractional rule RINS found nothing in its time on the province's stage 2), the
    /// search's cuts with `subMIPGomoryCuts`, its root-only preprocessing.
    var subMIP: fa_search_params {
        var p = fa_search_params()
        p.msg_lev = GLP_MSG_OFF
        p.presolve = GLP_ON
        p.fp_heur = GLP_OFF
        p.ps_heur = GLP_OFF
        p.gmi_cuts = subMIPGomoryCuts
        p.mir_cuts = search.mir_cuts
        p.cov_cuts = search.cov_cuts
        p.clq_cuts = search.clq_cuts
        p.bt_tech = search.bt_tech
        p.pp_root = search.pp_root
        p.br_tech = GLP_BR_DTH
        p.tol_int = search.tol_int
        return p
    }
}
