--- onsager.benchmark: the pieces the Onsager benchmark scripts share: timing, the two rollout
--- refinements of a fitted model, and the table of relative rollout errors.

local benchmark = {}

--- The seconds f(...) takes, then its first two results.
function benchmark.seconds(f, ...)
  local start = cglab.clock()
  local a, b = f(...)
  return cglab.clock() - start, a, b
end

--- Refines `model` on 5-step rollouts of subsets of `train`: SBDF1 on refine_count trajectories
--- and AVF (through the implicit solve) on avf_count, printing each stage. Returns both refined
--- models and their times in seconds.
function benchmark.refine(train, model, refine_count, avf_count)
  local refine_data = onsager.split(train, math.min(refine_count, #train.trajectories - 1))
  local t_refine, refined, info = benchmark.seconds(onsager.refine, refine_data, model,
    { rollout_steps = 5, stride = 5, iterations = 30 })
  print(string.format("stage 2 (L-BFGS-B on 5-step SBDF1 rollouts, %d trajectories): %.2f s, %d iterations, loss %.3e -> %.3e",
    #refine_data.trajectories, t_refine, info.iterations, info.initial_loss, info.final_loss))
  local avf_data = onsager.split(train, math.min(avf_count, #train.trajectories - 1))
  local t_avf, refined_avf, avf_info = benchmark.seconds(onsager.refine, avf_data, model,
    { method = "avf", rollout_steps = 5, stride = 10, iterations = 20 })
  print(string.format("stage 2 (L-BFGS-B on 5-step AVF rollouts, through the implicit solve, %d trajectories): %.2f s, %d iterations, loss %.3e -> %.3e",
    #avf_data.trajectories, t_avf, avf_info.iterations, avf_info.initial_loss, avf_info.final_loss))
  return refined, refined_avf, t_refine, t_avf
end

--- Prints the relative RMSE at steps 1, 5 and 100 (mean +- std over the test trajectories) and
--- the steps before divergence, one line per {label, onsager.evaluate result}.
function benchmark.print_errors(rows, test, dt)
  print(string.format("\nrelative RMSE on %d test trajectories (mean +- std), rollouts from frame 0, dt = %g", #test.trajectories, dt))
  print(string.format("%-40s %-20s %-20s %-20s %s", "model", "step 1", "step 5", "step 100", "steps before divergence"))
  for _, row in ipairs(rows) do
    local r = row[2]
    local survived = math.huge
    for _, s in ipairs(r.diverged_after) do survived = math.min(survived, s) end
    print(string.format("%-40s %.2e +- %.1e   %.2e +- %.1e   %.2e +- %.1e   %d", row[1], r.mean[1], r.std[1], r.mean[2], r.std[2],
      r.mean[3], r.std[3], survived))
  end
end

return benchmark
