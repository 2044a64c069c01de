-- wrk script of bench/pledge.sh: POSTs each prepared pledge form (one URL-encoded body per line
-- of the file named by PLEDGE_BODIES) once, in order; starts over only if they run out, and the
-- script then counts the repeats apart (Chorus answers a repeated form without a new action).
local bodies, count = {}, 0
for line in io.lines(os.getenv("PLEDGE_BODIES")) do
  count = count + 1
  bodies[count] = line
end
local next_body = 0
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

request = function()
  next_body = next_body % count + 1
  return wrk.format("POST", "/demo/open-roads/pledge", headers, bodies[next_body])
end
