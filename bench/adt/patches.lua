-- wrk script: PATCH /digitaltwins/{id} (a new name) for ids read from the file in IDS, at random, with the API key in KEY.
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local headers = { ["Authorization"] = "Bearer " .. os.getenv("KEY"), ["Content-Type"] = "application/json-patch+json" }
local n = 0
request = function()
  n = n + 1
  local body = '[{"op":"replace","path":"/name","value":"renamed ' .. n .. '"}]'
  return wrk.format("PATCH", "/digitaltwins/" .. ids[math.random(#ids)] .. "?api-version=2022-05-31", headers, body)
end
response = function(status)
  if status ~= 204 then io.stderr:write("patch answered " .. status .. "\n") end
end
