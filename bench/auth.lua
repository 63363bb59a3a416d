-- wrk script: every request carries the bearer token minted by bench/run.sh (env TOKEN).
local token = os.getenv("TOKEN")
if token == nil or token == "" then
  error("TOKEN is not set")
end
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
