-- wrk script: each request is a random line of the targets file (the mix of bench/load/targets.py).
-- Usage: wrk -t2 -c32 -d60s --latency -s bench/load/mix.lua http://127.0.0.1:PORT -- TARGETS_FILE
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + #tostring({}))  -- a different sequence per wrk thread
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Accept"] = "text/html" })
end
